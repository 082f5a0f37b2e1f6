/**
 * The two hot loops of the network's training — the first layer's forward pass and its weight
 * gradient on sparse inputs — as a small WebAssembly module with 128-bit SIMD (f32x4), assembled
 * here from its instructions (no toolchain, no binary blob). Node ≥ 16 runs WebAssembly SIMD.
 *
 * Both kernels work on a batch of sparse rows (CSR: rowPtr, cols, f32 vals) selected by an index
 * list, with W (p×H, row-major f32) and H a multiple of 16:
 *
 *   forward:  out[s, :] = Σ_e vals[e] · W[cols[e], :]          for each row i = idx[s]
 *   gradient: G[cols[e], :] += vals[e] · D[s, :]                for each row i = idx[s]
 *   update:   W[j, :] −= step · G[j, :]; G[j, :] = 0               for each listed row j
 *
 * (16 hidden units per pass over a row's nonzeros, kept in four v128 registers; in `gradient`, a
 * block of 16 units whose D is all zero — inactive ReLUs — is skipped.) The float64 JavaScript
 * loops of ./js-engine.ts are the reference the tests compare these with.
 *
 * Memory is imported (`m.mem`), so the caller sizes it and reads and writes it through typed-array
 * views. All pointers are byte offsets.
 */

/** The kernels' signatures: (rowPtr, cols, vals, idx, count, W or G, out or D, H) → void. */
export interface SimdKernels {
  forward(rowPtr: number, cols: number, vals: number, idx: number, count: number, w: number, out: number, h: number): void;
  gradient(rowPtr: number, cols: number, vals: number, idx: number, count: number, g: number, d: number, h: number): void;
  /** The SGD step on `count` rows j = rows[r]: W[j, :] −= step·G[j, :], then G[j, :] = 0. */
  update(rows: number, count: number, w: number, g: number, h: number, step: number): void;
}

function uleb(v: number): number[] {
  const out: number[] = [];
  do {
    let b = v & 0x7f;
    v >>>= 7;
    if (v !== 0) b |= 0x80;
    out.push(b);
  } while (v !== 0);
  return out;
}

function sleb(v: number): number[] {
  const out: number[] = [];
  for (;;) {
    const b = v & 0x7f;
    v >>= 7;
    if ((v === 0 && (b & 0x40) === 0) || (v === -1 && (b & 0x40) !== 0)) {
      out.push(b);
      return out;
    }
    out.push(b | 0x80);
  }
}

const I32 = 0x7f;
const V128 = 0x7b;
const F32 = 0x7d;

// Instructions (WebAssembly core + SIMD opcodes).
const get = (i: number): number[] => [0x20, ...uleb(i)];
const set = (i: number): number[] => [0x21, ...uleb(i)];
const tee = (i: number): number[] => [0x22, ...uleb(i)];
const i32c = (v: number): number[] => [0x41, ...sleb(v)];
const ADD = [0x6a];
const MUL = [0x6c];
const SHL = [0x74];
const GE_S = [0x4e];
const EQZ = [0x45];
const i32load = (off: number): number[] => [0x28, 2, ...uleb(off)];
const f32load = (off: number): number[] => [0x2a, 2, ...uleb(off)];
const vload = (off: number): number[] => [0xfd, 0x00, 4, ...uleb(off)];
const vstore = (off: number): number[] => [0xfd, 0x0b, 4, ...uleb(off)];
const SPLAT = [0xfd, 0x13];
const FADD = [0xfd, 0xe4, 0x01];
const FMUL = [0xfd, 0xe6, 0x01];
const FSUB = [0xfd, 0xe5, 0x01];
const VOR = [0xfd, 0x50];
const ANY = [0xfd, 0x53];
const VZERO = [0xfd, 0x0c, ...new Array<number>(16).fill(0)];
const BLOCK = [0x02, 0x40];
const LOOP = [0x03, 0x40];
const END = [0x0b];
const br = (d: number): number[] => [0x0c, ...uleb(d)];
const brIf = (d: number): number[] => [0x0d, ...uleb(d)];

/** `for (v = from; v < to; v += step) body` (from/to/step as instruction lists). */
function forLoop(v: number, from: number[], to: number[], step: number, body: number[]): number[] {
  return [
    ...from, ...set(v),
    ...BLOCK, ...LOOP,
    ...get(v), ...to, ...GE_S, ...brIf(1),
    ...body,
    ...get(v), ...i32c(step), ...ADD, ...set(v),
    ...br(0),
    ...END, ...END,
  ];
}

// Parameters 0..7 and locals.
const P_ROWPTR = 0, P_COLS = 1, P_VALS = 2, P_IDX = 3, P_COUNT = 4, P_W = 5, P_OUT = 6, P_H = 7;
const L_S = 8, L_E = 9, L_E0 = 10, L_E1 = 11, L_T = 12, L_O = 13, L_ROW = 14; // i32
const L_V = 15, L_A = [16, 17, 18, 19]; // v128

const LOCALS = [...uleb(2), ...uleb(7), I32, ...uleb(5), V128];

/** e0 = rowPtr[idx[s]], e1 = rowPtr[idx[s] + 1]; row = base + s·H·4. */
function rowSetup(base: number): number[] {
  return [
    ...get(P_IDX), ...get(L_S), ...i32c(2), ...SHL, ...ADD, ...i32load(0),
    ...i32c(2), ...SHL, ...get(P_ROWPTR), ...ADD, ...tee(L_O), ...i32load(0), ...set(L_E0),
    ...get(L_O), ...i32load(4), ...set(L_E1),
    ...get(base), ...get(L_S), ...get(P_H), ...MUL, ...i32c(2), ...SHL, ...ADD, ...set(L_ROW),
  ];
}

/** v = splat(vals[e]); o = W + (cols[e]·H + t)·4. */
const NONZERO = [
  ...get(P_VALS), ...get(L_E), ...i32c(2), ...SHL, ...ADD, ...f32load(0), ...SPLAT, ...set(L_V),
  ...get(P_COLS), ...get(L_E), ...i32c(2), ...SHL, ...ADD, ...i32load(0), ...get(P_H), ...MUL, ...get(L_T), ...ADD,
  ...i32c(2), ...SHL, ...get(P_W), ...ADD, ...set(L_O),
];

function forwardBody(): number[] {
  const accumulate = L_A.flatMap((a, q) => [...get(a), ...get(L_V), ...get(L_O), ...vload(16 * q), ...FMUL, ...FADD, ...set(a)]);
  const inner = forLoop(L_E, get(L_E0), get(L_E1), 1, [...NONZERO, ...accumulate]);
  const store = [
    ...get(L_ROW), ...get(L_T), ...i32c(2), ...SHL, ...ADD, ...set(L_O),
    ...L_A.flatMap((a, q) => [...get(L_O), ...get(a), ...vstore(16 * q)]),
  ];
  const perT = [...L_A.flatMap((a) => [...VZERO, ...set(a)]), ...inner, ...store];
  const perRow = [...rowSetup(P_OUT), ...forLoop(L_T, i32c(0), get(P_H), 16, perT)];
  return [...forLoop(L_S, i32c(0), get(P_COUNT), 1, perRow), ...END];
}

function gradientBody(): number[] {
  // D's 16 values of this block in a0..a3 (loaded from row + t·4).
  const loadD = [
    ...get(L_ROW), ...get(L_T), ...i32c(2), ...SHL, ...ADD, ...set(L_O),
    ...L_A.flatMap((a, q) => [...get(L_O), ...vload(16 * q), ...set(a)]),
  ];
  const allZero = [...get(L_A[0]), ...get(L_A[1]), ...VOR, ...get(L_A[2]), ...get(L_A[3]), ...VOR, ...VOR, ...ANY, ...EQZ];
  const update = L_A.flatMap((a, q) => [...get(L_O), ...get(L_O), ...vload(16 * q), ...get(L_V), ...get(a), ...FMUL, ...FADD, ...vstore(16 * q)]);
  const inner = forLoop(L_E, get(L_E0), get(L_E1), 1, [...NONZERO, ...update]);
  const perT = [...loadD, ...BLOCK, ...allZero, ...brIf(0), ...inner, ...END];
  const perRow = [...rowSetup(P_OUT), ...forLoop(L_T, i32c(0), get(P_H), 16, perT)];
  return [...forLoop(L_S, i32c(0), get(P_COUNT), 1, perRow), ...END];
}

// update(rows 0, count 1, w 2, g 3, h 4, step 5: f32); locals: r 6, t 7, o 8 (i32), sv 9 (v128).
function updateBody(): number[] {
  const [P_ROWS, P_N, P_UW, P_UG, P_UH, P_STEP] = [0, 1, 2, 3, 4, 5];
  const L_R = 6, L_UT = 7, L_UO = 8, L_SV = 9;
  const perT = [
    // o = (rows[r]·H + t)·4
    ...get(P_ROWS), ...get(L_R), ...i32c(2), ...SHL, ...ADD, ...i32load(0), ...get(P_UH), ...MUL, ...get(L_UT), ...ADD, ...i32c(2), ...SHL, ...set(L_UO),
    // W[o] = W[o] − sv·G[o]
    ...get(P_UW), ...get(L_UO), ...ADD,
    ...get(P_UW), ...get(L_UO), ...ADD, ...vload(0), ...get(L_SV), ...get(P_UG), ...get(L_UO), ...ADD, ...vload(0), ...FMUL, ...FSUB,
    ...vstore(0),
    // G[o] = 0
    ...get(P_UG), ...get(L_UO), ...ADD, ...VZERO, ...vstore(0),
  ];
  return [
    ...get(P_STEP), ...SPLAT, ...set(L_SV),
    ...forLoop(L_R, i32c(0), get(P_N), 1, forLoop(L_UT, i32c(0), get(P_UH), 4, perT)),
    ...END,
  ];
}

function section(id: number, content: number[]): number[] {
  return [id, ...uleb(content.length), ...content];
}

function name(s: string): number[] {
  const b = Array.from(s, (c) => c.charCodeAt(0)); // ASCII names only
  return [...uleb(b.length), ...b];
}

/** The module's bytes. */
export function simdKernelsBinary(): Uint8Array {
  const funcType = [0x60, ...uleb(8), ...new Array<number>(8).fill(I32), ...uleb(0)];
  const updateType = [0x60, ...uleb(6), I32, I32, I32, I32, I32, F32, ...uleb(0)];
  const code = (body: number[], locals = LOCALS): number[] => {
    const f = [...locals, ...body];
    return [...uleb(f.length), ...f];
  };
  const updateLocals = [...uleb(2), ...uleb(3), I32, ...uleb(1), V128];
  return Uint8Array.from([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, [...uleb(2), ...funcType, ...updateType]),
    ...section(2, [...uleb(1), ...name('m'), ...name('mem'), 0x02, 0x00, ...uleb(1)]),
    ...section(3, [...uleb(3), 0, 0, 1]),
    ...section(7, [...uleb(3), ...name('forward'), 0x00, 0, ...name('gradient'), 0x00, 1, ...name('update'), 0x00, 2]),
    ...section(10, [...uleb(3), ...code(forwardBody()), ...code(gradientBody()), ...code(updateBody(), updateLocals)]),
  ]);
}

let compiled: WebAssembly.Module | null | undefined;

/** The compiled module, or null if this JavaScript engine lacks WebAssembly SIMD. */
export function simdModule(): WebAssembly.Module | null {
  if (compiled === undefined) {
    try {
      const bytes = simdKernelsBinary();
      const buf = bytes.buffer as ArrayBuffer;
      compiled = WebAssembly.validate(buf) ? new WebAssembly.Module(buf) : null;
    } catch {
      compiled = null;
    }
  }
  return compiled;
}

/** Instantiates the kernels on `memory`; null without WebAssembly SIMD. */
export function simdKernels(memory: WebAssembly.Memory): SimdKernels | null {
  const mod = simdModule();
  if (!mod) return null;
  const inst = new WebAssembly.Instance(mod, { m: { mem: memory } });
  return inst.exports as unknown as SimdKernels;
}
