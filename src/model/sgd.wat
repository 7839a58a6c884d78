;; The two inner loops of softmax SGD (src/model/softmax.ts), hand-written in WebAssembly text:
;; the scores of one sample and the step on the weights of its features. `npm run build:kernel`
;; compiles it into sgd-wasm.ts; a unit test checks that the two agree.
;;
;; Why WebAssembly: a step is ~2 × (features of the sample) × (classes) multiply-adds: 18–26 µs a
;; step and 165–239 s of the shipped model's training in JavaScript, which has no SIMD. Here two
;; classes take one f64x2 instruction, and the weights of a row are read as f32 pairs (SGD 2.3–
;; 2.6× faster; bench/sgd.ts).
;;
;; Same results to the bit as the JavaScript loops (sgd-rows.ts): every product and sum is f64 in
;; the same order per class, and a weight is rounded to f32 once per step, as a Float32Array
;; store rounds it (no fused multiply-add in WebAssembly).
;;
;; Memory (imported, laid out by sgd-rows.ts; addresses in bytes):
;;   idx  i32[]  bucket of each entry of the current row
;;   val  f32[]  tf-idf value of each entry of the current row
;;   V    f32[buckets × C]  the weights, bucket-major (a row of C classes per bucket)
;;   U    f64[buckets × C]  the averaged-SGD correction sums (softmax.ts), when averaging
;;   z, p f64[C]  the scores, and the gradient factors (softmax minus the one-hot label)
(module
  (import "env" "memory" (memory 0))

  ;; z[c] += (val[i]·scale) · V[idx[i]·C + c] over the n entries of the row, entry by entry:
  ;; a pair of classes per instruction, and the last class alone when C is odd.
  ;;
  ;; The rows are scattered over a table of megabytes, so most are cache misses. A first,
  ;; minimal loop only touches every cache line of each row (no prefetch instruction in
  ;; WebAssembly), so that many misses are in flight at once and the summing loop finds the rows
  ;; in cache, as `weigh` does in kernel.wat: 1.5× faster SGD (bench/sgd.ts, alternating
  ;; builds). What it read is stored in z's spare slot so that the loads are not dropped.
  ;; Measured without gain: the sums of sixteen classes held in registers across the entries
  ;; instead of in memory; touching the rows of U ahead in `backward` too.
  (func (export "forward") (param $idx i32) (param $val i32) (param $n i32) (param $V i32)
    (param $C i32) (param $z i32) (param $scale f64)
    (local $i i32) (local $c i32) (local $row i32) (local $v f64) (local $vv v128) (local $at i32)
    (local $pairs i32) (local $touch i32) (local $off i32) (local $bytes i32)
    (local.set $pairs (i32.shr_u (local.get $C) (i32.const 1)))
    (local.set $bytes (i32.shl (local.get $C) (i32.const 2)))
    (block $touched
      (loop $ahead
        (br_if $touched (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $row (i32.add (local.get $V) (i32.shl (i32.mul (i32.load (i32.add (local.get $idx) (i32.shl (local.get $i) (i32.const 2)))) (local.get $C)) (i32.const 2))))
        (local.set $off (i32.const 0))
        (block $lines
          (loop $line
            (br_if $lines (i32.ge_u (local.get $off) (local.get $bytes)))
            (local.set $touch (i32.or (local.get $touch) (i32.load8_u (i32.add (local.get $row) (local.get $off)))))
            (local.set $off (i32.add (local.get $off) (i32.const 64)))
            (br $line)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $ahead)))
    (i32.store (i32.add (local.get $z) (i32.shl (local.get $C) (i32.const 3))) (local.get $touch))
    (local.set $i (i32.const 0))
    (block $done
      (loop $entry
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $v (f64.mul (f64.promote_f32 (f32.load (i32.add (local.get $val) (i32.shl (local.get $i) (i32.const 2))))) (local.get $scale)))
        (local.set $vv (f64x2.splat (local.get $v)))
        (local.set $row (i32.add (local.get $V) (i32.shl (i32.mul (i32.load (i32.add (local.get $idx) (i32.shl (local.get $i) (i32.const 2)))) (local.get $C)) (i32.const 2))))
        (local.set $c (i32.const 0))
        (block $pairsDone
          (loop $pair
            (br_if $pairsDone (i32.ge_u (local.get $c) (local.get $pairs)))
            (local.set $at (i32.add (local.get $z) (i32.shl (local.get $c) (i32.const 4))))
            (v128.store (local.get $at)
              (f64x2.add (v128.load (local.get $at))
                (f64x2.mul (local.get $vv)
                  (f64x2.promote_low_f32x4 (v128.load64_zero (i32.add (local.get $row) (i32.shl (local.get $c) (i32.const 3))))))))
            (local.set $c (i32.add (local.get $c) (i32.const 1)))
            (br $pair)))
        (if (i32.and (local.get $C) (i32.const 1))
          (then
            (local.set $at (i32.add (local.get $z) (i32.shl (i32.sub (local.get $C) (i32.const 1)) (i32.const 3))))
            (f64.store (local.get $at) (f64.add (f64.load (local.get $at))
              (f64.mul (local.get $v) (f64.promote_f32 (f32.load (i32.add (local.get $row) (i32.shl (i32.sub (local.get $C) (i32.const 1)) (i32.const 2))))))))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $entry))))

  ;; With d = (val[i]·step)·p[c]: V[row + c] −= d, rounded to f32, and U[row + c] −= S·d when
  ;; $U is not 0 (the averaging epochs).
  (func (export "backward") (param $idx i32) (param $val i32) (param $n i32) (param $V i32)
    (param $U i32) (param $C i32) (param $p i32) (param $step f64) (param $S f64)
    (local $i i32) (local $c i32) (local $b i32) (local $row i32) (local $urow i32) (local $g v128)
    (local $d v128) (local $SS v128) (local $pairs i32) (local $at i32) (local $uat i32) (local $w v128)
    (local $gs f64) (local $ds f64)
    (local.set $pairs (i32.shr_u (local.get $C) (i32.const 1)))
    (local.set $SS (f64x2.splat (local.get $S)))
    (block $done
      (loop $entry
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $gs (f64.mul (f64.promote_f32 (f32.load (i32.add (local.get $val) (i32.shl (local.get $i) (i32.const 2))))) (local.get $step)))
        (local.set $g (f64x2.splat (local.get $gs)))
        (local.set $b (i32.mul (i32.load (i32.add (local.get $idx) (i32.shl (local.get $i) (i32.const 2)))) (local.get $C)))
        (local.set $row (i32.add (local.get $V) (i32.shl (local.get $b) (i32.const 2))))
        (local.set $urow (i32.add (local.get $U) (i32.shl (local.get $b) (i32.const 3))))
        (local.set $c (i32.const 0))
        (block $pairsDone
          (loop $pair
            (br_if $pairsDone (i32.ge_u (local.get $c) (local.get $pairs)))
            (local.set $d (f64x2.mul (local.get $g) (v128.load (i32.add (local.get $p) (i32.shl (local.get $c) (i32.const 4))))))
            (local.set $at (i32.add (local.get $row) (i32.shl (local.get $c) (i32.const 3))))
            (local.set $w (f64x2.sub (f64x2.promote_low_f32x4 (v128.load64_zero (local.get $at))) (local.get $d)))
            (v128.store64_lane 0 (local.get $at) (f32x4.demote_f64x2_zero (local.get $w)))
            (if (local.get $U)
              (then
                (local.set $uat (i32.add (local.get $urow) (i32.shl (local.get $c) (i32.const 4))))
                (v128.store (local.get $uat) (f64x2.sub (v128.load (local.get $uat)) (f64x2.mul (local.get $SS) (local.get $d))))))
            (local.set $c (i32.add (local.get $c) (i32.const 1)))
            (br $pair)))
        (if (i32.and (local.get $C) (i32.const 1))
          (then
            (local.set $c (i32.sub (local.get $C) (i32.const 1)))
            (local.set $ds (f64.mul (local.get $gs) (f64.load (i32.add (local.get $p) (i32.shl (local.get $c) (i32.const 3))))))
            (local.set $at (i32.add (local.get $row) (i32.shl (local.get $c) (i32.const 2))))
            (f32.store (local.get $at) (f32.demote_f64 (f64.sub (f64.promote_f32 (f32.load (local.get $at))) (local.get $ds))))
            (if (local.get $U)
              (then
                (local.set $uat (i32.add (local.get $urow) (i32.shl (local.get $c) (i32.const 3))))
                (f64.store (local.get $uat) (f64.sub (f64.load (local.get $uat)) (f64.mul (local.get $S) (local.get $ds))))))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $entry))))
)
