;; The prediction hot path of LinearModel (src/model/predictor.ts), hand-written in WebAssembly
;; text: feature hashing and counting, tf-idf weighting, and the scores of a dense int8 weight
;; table with 128-bit SIMD. `npm run build:kernel` compiles it into kernel-wasm.ts; a unit test
;; checks that the two agree.
;;
;; Why WebAssembly: scoring is ~30 multiply-adds per feature, one class each. JavaScript has no
;; SIMD, so each is a scalar int→double conversion, multiply and add; here four classes take one
;; instruction. Hashing is the same integer arithmetic as src/model/features.ts, without the
;; bounds checks of typed arrays.
;;
;; Memory (imported, laid out by kernel.ts; addresses in bytes, set once by `init`):
;;   units      u16[]  the normalised text
;;   counts     u16[buckets]  per-bucket count of the current text; all 0 between calls
;;   hashes     i32[]  the current text's feature hashes before finishing (count's first pass)
;;   used       i32[]  distinct buckets of the current text in first-seen order
;;   featScale  f32[]  per kept feature: tf·idf·scale
;;   featRow    i32[]  per kept feature: address of its int8 weights in the table
;;   tfTable    f32[64]  1 + ln(count), the same f32 values as src/model/tfidf.ts
;;   out        f64 sum of squares at +0, a scratch word at +8, then f32 scores at +16, one per
;;              table column
;; A table record is: one i8 weight per column, then idf and scale packed in a u16 each
;; (kernel.ts packPositive; see denseView in predictor.ts).
(module
  (import "env" "memory" (memory 0))
  ;; 1 + ln(count) for counts past the table: JavaScript's Math.log, so results match tfidf.ts.
  (import "env" "tf" (func $tfSlow (param i32) (result f64)))

  (global $units (mut i32) (i32.const 0))
  (global $counts (mut i32) (i32.const 0))
  (global $hashes (mut i32) (i32.const 0))
  (global $used (mut i32) (i32.const 0))
  (global $featScale (mut i32) (i32.const 0))
  (global $featRow (mut i32) (i32.const 0))
  (global $tfTable (mut i32) (i32.const 0))
  (global $out (mut i32) (i32.const 0))

  (func (export "init") (param $units i32) (param $counts i32) (param $hashes i32) (param $used i32)
    (param $featScale i32) (param $featRow i32) (param $tfTable i32) (param $out i32)
    (global.set $units (local.get $units))
    (global.set $counts (local.get $counts))
    (global.set $hashes (local.get $hashes))
    (global.set $used (local.get $used))
    (global.set $featScale (local.get $featScale))
    (global.set $featRow (local.get $featRow))
    (global.set $tfTable (local.get $tfTable))
    (global.set $out (local.get $out)))

  ;; Hashes and counts every feature of the `len` units at $units — the same features in the
  ;; same order as extractBuckets (src/model/features.ts): per start position the n-grams of
  ;; length minN..maxN (an n-gram ends at its first space), and a word's own feature, seeded
  ;; apart, when its closing space is reached. Returns the number of distinct buckets.
  ;;
  ;; Two passes: the first writes each feature's FNV-1a hash (hashing.ts fnvStep) to $hashes,
  ;; the second finishes them (murmur3 fmix32, then `& mask` for a power-of-two bucket count or
  ;; an unsigned remainder) and counts them. V8 does not inline WebAssembly calls, and this
  ;; keeps the finishing and counting code in one place, in a loop whose iterations overlap.
  (func (export "count") (param $len i32) (param $minN i32) (param $maxN i32)
    (param $maxWordLength i32) (param $mask i32) (param $mod i32) (result i32)
    (local $i i32) (local $j i32) (local $n i32) (local $first i32) (local $c i32) (local $h i32)
    (local $wordStart i32) (local $k i32) (local $end i32) (local $b i32) (local $at i32)
    (local $seen i32) (local $distinct i32)
    (local.set $wordStart (i32.const -1))
    (local.set $k (global.get $hashes))
    (block $done
      (loop $position
        (br_if $done (i32.ge_u (local.get $i) (local.get $len)))
        (local.set $first (i32.load16_u (i32.add (global.get $units) (i32.shl (local.get $i) (i32.const 1)))))
        (if (i32.eq (local.get $first) (i32.const 0x20))
          (then
            (if (i32.and
                  (i32.ge_s (local.get $wordStart) (i32.const 0))
                  (i32.le_s (i32.sub (local.get $i) (local.get $wordStart)) (local.get $maxWordLength)))
              (then
                (local.set $h (i32.const 0x9747b28c))
                (local.set $j (local.get $wordStart))
                (block $wordDone
                  (loop $word
                    (br_if $wordDone (i32.ge_u (local.get $j) (local.get $i)))
                    (local.set $h (i32.mul (i32.const 0x01000193) (i32.xor (local.get $h)
                      (i32.load16_u (i32.add (global.get $units) (i32.shl (local.get $j) (i32.const 1)))))))
                    (local.set $j (i32.add (local.get $j) (i32.const 1)))
                    (br $word)))
                (i32.store (local.get $k) (local.get $h))
                (local.set $k (i32.add (local.get $k) (i32.const 4)))))
            (local.set $wordStart (i32.add (local.get $i) (i32.const 1)))))
        (local.set $h (i32.mul (i32.const 0x01000193) (i32.xor (i32.const 0x811c9dc5) (local.get $first))))
        (if (i32.and (i32.le_s (local.get $minN) (i32.const 1)) (i32.ne (local.get $first) (i32.const 0x20)))
          (then
            (i32.store (local.get $k) (local.get $h))
            (local.set $k (i32.add (local.get $k) (i32.const 4)))))
        (local.set $n (i32.const 2))
        (block $gramsDone
          (loop $gram
            (br_if $gramsDone (i32.gt_s (local.get $n) (local.get $maxN)))
            (local.set $j (i32.sub (i32.add (local.get $i) (local.get $n)) (i32.const 1)))
            (br_if $gramsDone (i32.ge_u (local.get $j) (local.get $len)))
            (local.set $c (i32.load16_u (i32.add (global.get $units) (i32.shl (local.get $j) (i32.const 1)))))
            (local.set $h (i32.mul (i32.const 0x01000193) (i32.xor (local.get $h) (local.get $c))))
            (if (i32.ge_s (local.get $n) (local.get $minN))
              (then
                (i32.store (local.get $k) (local.get $h))
                (local.set $k (i32.add (local.get $k) (i32.const 4)))))
            (br_if $gramsDone (i32.eq (local.get $c) (i32.const 0x20)))
            (local.set $n (i32.add (local.get $n) (i32.const 1)))
            (br $gram)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $position)))
    ;; Second pass. Branch-free counting: the bucket is always written to `used` and kept only
    ;; when its count was 0 (whether a feature is new is a coin toss the CPU cannot predict).
    (local.set $end (local.get $k))
    (local.set $k (global.get $hashes))
    (block $counted
      (loop $next
        (br_if $counted (i32.ge_u (local.get $k) (local.get $end)))
        (local.set $h (i32.load (local.get $k)))
        (local.set $h (i32.xor (local.get $h) (i32.shr_u (local.get $h) (i32.const 16))))
        (local.set $h (i32.mul (local.get $h) (i32.const 0x85ebca6b)))
        (local.set $h (i32.xor (local.get $h) (i32.shr_u (local.get $h) (i32.const 13))))
        (local.set $h (i32.mul (local.get $h) (i32.const 0xc2b2ae35)))
        (local.set $h (i32.xor (local.get $h) (i32.shr_u (local.get $h) (i32.const 16))))
        (local.set $b
          (if (result i32) (local.get $mask)
            (then (i32.and (local.get $h) (local.get $mask)))
            (else (i32.rem_u (local.get $h) (local.get $mod)))))
        (local.set $at (i32.add (global.get $counts) (i32.shl (local.get $b) (i32.const 1))))
        (local.set $seen (i32.load16_u (local.get $at)))
        (i32.store16 (local.get $at) (i32.add (local.get $seen) (i32.const 1)))
        (i32.store (i32.add (global.get $used) (i32.shl (local.get $distinct) (i32.const 2))) (local.get $b))
        (local.set $distinct (i32.add (local.get $distinct) (i32.shr_u (i32.sub (local.get $seen) (i32.const 1)) (i32.const 31))))
        (local.set $k (i32.add (local.get $k) (i32.const 4)))
        (br $next)))
    (local.get $distinct))

  ;; Sets the counts of the `distinct` buckets in `used` back to 0.
  (func $reset (export "reset") (param $distinct i32)
    (local $i i32)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $distinct)))
        (i32.store16
          (i32.add (global.get $counts)
            (i32.shl (i32.load (i32.add (global.get $used) (i32.shl (local.get $i) (i32.const 2)))) (i32.const 1)))
          (i32.const 0))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next))))

  ;; For each distinct bucket, in first-seen order: v = tf · idf (f64, as tfidf.ts), the sum of
  ;; v² (stored at out+0), and — when v · scale is not 0 — a kept feature for the scoring pass.
  ;; Resets the counts. Returns the number of kept features.
  ;;
  ;; The records are scattered over a table of megabytes, so most are cache misses. A first,
  ;; minimal loop only touches each record (no prefetch instruction in WebAssembly): with few
  ;; instructions per record, many misses are in flight at once, and the main loop then finds
  ;; the records in cache (+8 % on held-out sentences). The OR of what it read is stored at
  ;; out+8 so that the loads cannot be dropped as dead code.
  (func (export "weigh") (param $distinct i32) (param $table i32) (param $stride i32) (param $width i32) (result i32)
    (local $i i32) (local $b i32) (local $n i32) (local $row i32) (local $m i32)
    (local $q i32) (local $tf f64) (local $v f64) (local $s f64) (local $sq f64) (local $touch i32)
    (block $touched
      (loop $ahead
        (br_if $touched (i32.ge_u (local.get $i) (local.get $distinct)))
        (local.set $touch (i32.or (local.get $touch) (i32.load (i32.add (local.get $table)
          (i32.mul (i32.load (i32.add (global.get $used) (i32.shl (local.get $i) (i32.const 2)))) (local.get $stride))))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $ahead)))
    (i32.store offset=8 (global.get $out) (local.get $touch))
    (local.set $i (i32.const 0))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $distinct)))
        (local.set $b (i32.load (i32.add (global.get $used) (i32.shl (local.get $i) (i32.const 2)))))
        (local.set $row (i32.add (local.get $table) (i32.mul (local.get $b) (local.get $stride))))
        (local.set $n (i32.load16_u (i32.add (global.get $counts) (i32.shl (local.get $b) (i32.const 1)))))
        (i32.store16 (i32.add (global.get $counts) (i32.shl (local.get $b) (i32.const 1))) (i32.const 0))
        (local.set $tf
          (if (result f64) (i32.lt_u (local.get $n) (i32.const 64))
            (then (f64.promote_f32 (f32.load (i32.add (global.get $tfTable) (i32.shl (local.get $n) (i32.const 2))))))
            (else (call $tfSlow (local.get $n)))))
        ;; idf and scale, unpacked (kernel.ts packPositive): 0, or the f32 whose bits are
        ;; q·2¹³ + bias. Written out: V8 does not inline WebAssembly calls.
        (local.set $q (i32.load16_u (i32.add (local.get $row) (local.get $width))))
        (local.set $v (f64.mul (local.get $tf) (f64.promote_f32 (f32.reinterpret_i32
          (select (i32.const 0) (i32.add (i32.shl (local.get $q) (i32.const 13)) (i32.const 0x29800000)) (i32.eqz (local.get $q)))))))
        (local.set $sq (f64.add (local.get $sq) (f64.mul (local.get $v) (local.get $v))))
        (local.set $q (i32.load16_u offset=2 (i32.add (local.get $row) (local.get $width))))
        (local.set $s (f64.mul (local.get $v) (f64.promote_f32 (f32.reinterpret_i32
          (select (i32.const 0) (i32.add (i32.shl (local.get $q) (i32.const 13)) (i32.const 0x29800000)) (i32.eqz (local.get $q)))))))
        (if (f64.ne (local.get $s) (f64.const 0))
          (then
            (f32.store (i32.add (global.get $featScale) (i32.shl (local.get $m) (i32.const 2))) (f32.demote_f64 (local.get $s)))
            (i32.store (i32.add (global.get $featRow) (i32.shl (local.get $m) (i32.const 2))) (local.get $row))
            (local.set $m (i32.add (local.get $m) (i32.const 1)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (f64.store (global.get $out) (local.get $sq))
    (local.get $m))

  ;; z[column] = Σ_k featScale[k] · W[featRow[k] + column] for the table's `width` columns,
  ;; written as f32 at out+16. Thirty-two columns per pass over the features (eight f32x4 sums),
  ;; then sixteen. A pass may read up to 31 bytes past a record's last column: the next
  ;; record's bytes, or the padding kernel.ts leaves after each table; those lanes are never
  ;; read back.
  (func (export "scoreColumns") (param $m i32) (param $width i32)
    (local $c i32) (local $k i32) (local $at i32) (local $s v128) (local $w v128) (local $h v128)
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128)
    (local $a4 v128) (local $a5 v128) (local $a6 v128) (local $a7 v128)
    (block $wideDone
      (loop $wide
        (br_if $wideDone (i32.le_s (i32.sub (local.get $width) (local.get $c)) (i32.const 16)))
        (local.set $a0 (v128.const i64x2 0 0)) (local.set $a1 (v128.const i64x2 0 0))
        (local.set $a2 (v128.const i64x2 0 0)) (local.set $a3 (v128.const i64x2 0 0))
        (local.set $a4 (v128.const i64x2 0 0)) (local.set $a5 (v128.const i64x2 0 0))
        (local.set $a6 (v128.const i64x2 0 0)) (local.set $a7 (v128.const i64x2 0 0))
        (local.set $k (i32.const 0))
        (block $featuresDone
          (loop $feature
            (br_if $featuresDone (i32.ge_u (local.get $k) (local.get $m)))
            (local.set $s (f32x4.splat (f32.load (i32.add (global.get $featScale) (i32.shl (local.get $k) (i32.const 2))))))
            (local.set $at (i32.add (i32.load (i32.add (global.get $featRow) (i32.shl (local.get $k) (i32.const 2)))) (local.get $c)))
            (local.set $w (v128.load align=1 (local.get $at)))
            (local.set $h (i16x8.extend_low_i8x16_s (local.get $w)))
            (local.set $a0 (f32x4.add (local.get $a0) (f32x4.mul (f32x4.convert_i32x4_s (i32x4.extend_low_i16x8_s (local.get $h))) (local.get $s))))
            (local.set $a1 (f32x4.add (local.get $a1) (f32x4.mul (f32x4.convert_i32x4_s (i32x4.extend_high_i16x8_s (local.get $h))) (local.get $s))))
            (local.set $h (i16x8.extend_high_i8x16_s (local.get $w)))
            (local.set $a2 (f32x4.add (local.get $a2) (f32x4.mul (f32x4.convert_i32x4_s (i32x4.extend_low_i16x8_s (local.get $h))) (local.get $s))))
            (local.set $a3 (f32x4.add (local.get $a3) (f32x4.mul (f32x4.convert_i32x4_s (i32x4.extend_high_i16x8_s (local.get $h))) (local.get $s))))
            (local.set $w (v128.load offset=16 align=1 (local.get $at)))
            (local.set $h (i16x8.extend_low_i8x16_s (local.get $w)))
            (local.set $a4 (f32x4.add (local.get $a4) (f32x4.mul (f32x4.convert_i32x4_s (i32x4.extend_low_i16x8_s (local.get $h))) (local.get $s))))
            (local.set $a5 (f32x4.add (local.get $a5) (f32x4.mul (f32x4.convert_i32x4_s (i32x4.extend_high_i16x8_s (local.get $h))) (local.get $s))))
            (local.set $h (i16x8.extend_high_i8x16_s (local.get $w)))
            (local.set $a6 (f32x4.add (local.get $a6) (f32x4.mul (f32x4.convert_i32x4_s (i32x4.extend_low_i16x8_s (local.get $h))) (local.get $s))))
            (local.set $a7 (f32x4.add (local.get $a7) (f32x4.mul (f32x4.convert_i32x4_s (i32x4.extend_high_i16x8_s (local.get $h))) (local.get $s))))
            (local.set $k (i32.add (local.get $k) (i32.const 1)))
            (br $feature)))
        (local.set $at (i32.add (i32.add (global.get $out) (i32.const 16)) (i32.shl (local.get $c) (i32.const 2))))
        (v128.store offset=0 (local.get $at) (local.get $a0))
        (v128.store offset=16 (local.get $at) (local.get $a1))
        (v128.store offset=32 (local.get $at) (local.get $a2))
        (v128.store offset=48 (local.get $at) (local.get $a3))
        (v128.store offset=64 (local.get $at) (local.get $a4))
        (v128.store offset=80 (local.get $at) (local.get $a5))
        (v128.store offset=96 (local.get $at) (local.get $a6))
        (v128.store offset=112 (local.get $at) (local.get $a7))
        (local.set $c (i32.add (local.get $c) (i32.const 32)))
        (br $wide)))
    (block $narrowDone
      (loop $narrow
        (br_if $narrowDone (i32.le_s (local.get $width) (local.get $c)))
        (local.set $a0 (v128.const i64x2 0 0)) (local.set $a1 (v128.const i64x2 0 0))
        (local.set $a2 (v128.const i64x2 0 0)) (local.set $a3 (v128.const i64x2 0 0))
        (local.set $k (i32.const 0))
        (block $featuresDone
          (loop $feature
            (br_if $featuresDone (i32.ge_u (local.get $k) (local.get $m)))
            (local.set $s (f32x4.splat (f32.load (i32.add (global.get $featScale) (i32.shl (local.get $k) (i32.const 2))))))
            (local.set $w (v128.load align=1 (i32.add (i32.load (i32.add (global.get $featRow) (i32.shl (local.get $k) (i32.const 2)))) (local.get $c))))
            (local.set $h (i16x8.extend_low_i8x16_s (local.get $w)))
            (local.set $a0 (f32x4.add (local.get $a0) (f32x4.mul (f32x4.convert_i32x4_s (i32x4.extend_low_i16x8_s (local.get $h))) (local.get $s))))
            (local.set $a1 (f32x4.add (local.get $a1) (f32x4.mul (f32x4.convert_i32x4_s (i32x4.extend_high_i16x8_s (local.get $h))) (local.get $s))))
            (local.set $h (i16x8.extend_high_i8x16_s (local.get $w)))
            (local.set $a2 (f32x4.add (local.get $a2) (f32x4.mul (f32x4.convert_i32x4_s (i32x4.extend_low_i16x8_s (local.get $h))) (local.get $s))))
            (local.set $a3 (f32x4.add (local.get $a3) (f32x4.mul (f32x4.convert_i32x4_s (i32x4.extend_high_i16x8_s (local.get $h))) (local.get $s))))
            (local.set $k (i32.add (local.get $k) (i32.const 1)))
            (br $feature)))
        (local.set $at (i32.add (i32.add (global.get $out) (i32.const 16)) (i32.shl (local.get $c) (i32.const 2))))
        (v128.store offset=0 (local.get $at) (local.get $a0))
        (v128.store offset=16 (local.get $at) (local.get $a1))
        (v128.store offset=32 (local.get $at) (local.get $a2))
        (v128.store offset=48 (local.get $at) (local.get $a3))
        (local.set $c (i32.add (local.get $c) (i32.const 16)))
        (br $narrow))))
)
