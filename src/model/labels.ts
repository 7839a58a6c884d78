/**
 * Label encoding: class labels (language codes, or any strings for another classifier) to and
 * from dense indices. The order is sorted, so the same set of labels always gets the same indices.
 */
export class LabelEncoder {
  readonly labels: readonly string[];
  private readonly index: Map<string, number>;

  constructor(labels: Iterable<string>) {
    this.labels = Object.freeze([...new Set(labels)].sort());
    this.index = new Map(this.labels.map((l, i) => [l, i]));
  }

  get size(): number {
    return this.labels.length;
  }

  /** The index of `label`, or -1 if it is not a class. */
  encode(label: string): number {
    return this.index.get(label) ?? -1;
  }

  decode(index: number): string {
    const l = this.labels[index];
    if (l === undefined) throw new RangeError(`label index ${index} out of range 0..${this.labels.length - 1}`);
    return l;
  }
}
