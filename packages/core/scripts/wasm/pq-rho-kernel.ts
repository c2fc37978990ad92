/**
 * The pq factorisation kernel in WebAssembly, described with the assembler in wasm-assembler.ts: Pollard's
 * rho with Brent's cycle detection and batched gcd (R. P. Brent, "An improved Monte Carlo factorization
 * algorithm", BIT 20, 1980) on 64-bit integers, for the pq of resPQ (core.telegram.org/mtproto/auth_key).
 *
 * Arithmetic is Montgomery multiplication modulo the odd n < 2^64 with R = 2^64 (P. L. Montgomery,
 * "Modular multiplication without trial division", Math. Comp. 44, 1985), in the variant that subtracts:
 * with m = (ab mod 2^64) * n^-1 mod 2^64, the low words of ab and mn are equal, so
 * (ab - mn) / 2^64 = hi(ab) - hi(mn) exactly, a value in (-n, n) that one conditional addition of n makes
 * canonical. Nothing overflows for any odd n < 2^64, including those above 2^63. The 128-bit products come
 * from four 32 x 32 -> 64-bit multiplications (three for a square); the low word is one i64.mul.
 *
 * The map is y -> y^2 R^-1 + c (mod n): Montgomery form is never entered or left, because
 * y^2 R^-1 + c is as good a quadratic map as y^2 + c (with z = y R^-1 it is z -> z^2 + c R^-1).
 * Each walk multiplies its |x - y| into a product q, and every `BATCH` steps one binary gcd checks q
 * against n; when the gcd is n (both primes caught in one batch), the batch is replayed a step at a time.
 *
 * The generator can interleave several walks with different constants in one loop (`walks`), the first
 * to find a factor winning. Measured on 1,000 products of two 32-bit primes, two walks were no faster
 * than one and three were slower: a step costs 9 64-bit multiplications while skipping and 19 while
 * comparing (3 or 4 for the high word of a product, 4 for the high word of mn, 2 low words, per modular
 * multiplication), which keeps the one 64-bit multiplier busy, so a second chain finds no idle cycles. The committed kernel runs one walk.
 *
 * Exports `findDivisor(n: i64, budget: i32) -> i64`: a divisor of n other than 1 and n found by rho
 * (possibly not a prime: the caller checks), or 0 when `budget` loop iterations ran out. n must be odd,
 * composite and below 2^64; the caller has removed small factors.
 */
import { assembleModule, FunctionBodyWriter, type ValueType } from './wasm-assembler';

/** Independent walks interleaved in one loop. */
const WALKS = 1;
/** Steps between gcds. */
const BATCH = 256;

/** Shape of the kernel; the defaults are what the committed binary uses. */
export interface PqRhoKernelOptions {
  readonly walks?: number;
  readonly batch?: number;
}
const LOW_MASK = 0xffffffffn;

/** Named locals of one function, parameters first. */
class LocalNames {
  private readonly types: ValueType[] = [];
  private readonly indices = new Map<string, number>();

  constructor(private readonly parameterCount: number) {}

  add(name: string, type: ValueType): number {
    this.indices.set(name, this.types.length);
    this.types.push(type);
    return this.types.length - 1;
  }

  get(name: string): number {
    const index = this.indices.get(name);
    if (index === undefined) throw new Error(`pq kernel: no local ${name}`);
    return index;
  }

  parameterTypes(): ValueType[] {
    return this.types.slice(0, this.parameterCount);
  }

  localTypes(): ValueType[] {
    return this.types.slice(this.parameterCount);
  }
}

/** Emits the instructions of findDivisor once the locals are declared. */
class KernelEmitter {
  constructor(
    private readonly body: FunctionBodyWriter,
    private readonly local: (name: string) => number,
  ) {}

  get(name: string): this {
    this.body.localGet(this.local(name));
    return this;
  }

  set(name: string): this {
    this.body.localSet(this.local(name));
    return this;
  }

  /** Pushes the low 32 bits of a local, zero-extended. */
  low(name: string): this {
    this.get(name);
    this.body.i64Const(LOW_MASK).i64And();
    return this;
  }

  /** Pushes the high 32 bits of a local, shifted down. */
  high(name: string): this {
    this.get(name);
    this.body.i64Const(32n).i64ShiftRightUnsigned();
    return this;
  }

  /**
   * target = the high word of the 128-bit product a * b, from four 32 x 32 -> 64-bit products whose
   * middle sums stay below 2^34 (three products and a doubling when a is b).
   */
  multiplyHigh(target: string, a: string, b: string): void {
    const body = this.body;
    if (a === b) {
      this.low(a).low(a);
      body.i64Mul();
      this.set('p00');
      this.low(a).high(a);
      body.i64Mul();
      this.set('p01');
      this.high(a).high(a);
      body.i64Mul();
      this.set('p11');
      // mid = (p00 >> 32) + 2 * low(p01); high = p11 + 2 * high(p01) + (mid >> 32)
      this.high('p00').low('p01');
      body.i64Const(1n).i64ShiftLeft().i64Add();
      body.i64Const(32n).i64ShiftRightUnsigned();
      this.get('p11');
      body.i64Add();
      this.high('p01');
      body.i64Const(1n).i64ShiftLeft().i64Add();
      this.set(target);
      return;
    }
    const [b0, b1] = b === 'n' ? ['n0', 'n1'] : [undefined, undefined];
    const pushLowB = (): void => void (b0 === undefined ? this.low(b) : this.get(b0));
    const pushHighB = (): void => void (b1 === undefined ? this.high(b) : this.get(b1));
    this.low(a);
    pushLowB();
    body.i64Mul();
    this.set('p00');
    this.low(a);
    pushHighB();
    body.i64Mul();
    this.set('p01');
    this.high(a);
    pushLowB();
    body.i64Mul();
    this.set('p10');
    this.high(a);
    pushHighB();
    body.i64Mul();
    this.set('p11');
    // mid = (p00 >> 32) + low(p01) + low(p10); high = p11 + high(p01) + high(p10) + (mid >> 32)
    this.high('p00').low('p01');
    body.i64Add();
    this.low('p10');
    body.i64Add().i64Const(32n).i64ShiftRightUnsigned();
    this.get('p11');
    body.i64Add();
    this.high('p01');
    body.i64Add();
    this.high('p10');
    body.i64Add();
    this.set(target);
  }

  /** target = a * b * 2^-64 mod n, canonical (below n), for a, b below n. */
  montgomeryMultiply(target: string, a: string, b: string): void {
    const body = this.body;
    this.get(a).get(b);
    body.i64Mul();
    this.get('nInverse');
    body.i64Mul();
    this.set('m');
    this.multiplyHigh('hi', a, b);
    this.multiplyHigh('mh', 'm', 'n');
    // hi - mh, plus n when that is negative.
    this.get('hi').get('mh');
    body.i64Sub();
    this.get('n');
    body.i64Const(0n);
    this.get('hi').get('mh');
    body.i64LessThanUnsigned().select().i64Add();
    this.set(target);
  }

  /** y = y^2 R^-1 + c mod n for walk w: subtracting n - c when the sum would reach n. */
  rhoStep(walk: number): void {
    const body = this.body;
    this.montgomeryMultiply('square', `y${walk}`, `y${walk}`);
    this.get('square').get(`nMinusC${walk}`);
    body.i64Sub();
    this.get('square').get(`c${walk}`);
    body.i64Add();
    this.get('square').get(`nMinusC${walk}`);
    body.i64GreaterOrEqualUnsigned().select();
    this.set(`y${walk}`);
  }

  /** Pushes (x - y) mod n for walk w's x and the given y local. */
  difference(x: string, y: string): void {
    const body = this.body;
    this.get(x).get(y);
    body.i64Sub();
    this.get('n');
    body.i64Const(0n);
    this.get(x).get(y);
    body.i64LessThanUnsigned().select().i64Add();
  }

  /** target = gcd(value, n) for odd n, binary (Stein's algorithm); gcd(0, n) = n. */
  gcd(target: string, value: string): void {
    const body = this.body;
    this.get(value);
    body.i64Eqz().if();
    this.get('n').set(target);
    body.else();
    this.get(value).get(value);
    body.i64CountTrailingZeros().i64ShiftRightUnsigned();
    this.set('u');
    this.get('n').set('v');
    // Both odd: (u, v) <- (min(u, v), |u - v| with its factors of two removed) until they are equal.
    body.block().loop();
    this.get('u').get('v');
    body.i64Sub();
    this.get('v').get('u');
    body.i64Sub();
    this.get('u').get('v');
    body.i64GreaterThanUnsigned().select();
    this.set('gap');
    this.get('u').get('v').get('u').get('v');
    body.i64LessThanUnsigned().select();
    this.set('u');
    this.get('gap');
    body.i64Eqz().brIf(1);
    this.get('gap').get('gap');
    body.i64CountTrailingZeros().i64ShiftRightUnsigned();
    this.set('v');
    body.br(0).end().end();
    this.get('u').set(target);
    body.end();
  }
}

function buildFindDivisor(walkCount: number, batch: number): FunctionBodyWriter {
  const names = new LocalNames(2);
  names.add('n', 'i64');
  names.add('budget', 'i32');
  for (const name of ['steps', 'range', 'done', 'count', 'index']) names.add(name, 'i32');
  for (const name of ['nInverse', 'n0', 'n1', 'base', 'p00', 'p01', 'p10', 'p11', 'm', 'hi', 'mh']) {
    names.add(name, 'i64');
  }
  for (const name of [
    'square',
    'g',
    'u',
    'v',
    'gap',
    'difference',
    'backX',
    'backY',
    'backC',
    'backNMinusC',
  ]) {
    names.add(name, 'i64');
  }
  for (let walk = 0; walk < walkCount; walk++) {
    for (const name of ['y', 'x', 'saved', 'q', 'c', 'nMinusC']) names.add(`${name}${walk}`, 'i64');
  }
  const body = new FunctionBodyWriter(names.parameterTypes(), names.localTypes(), ['i64']);
  const emit = new KernelEmitter(body, (name) => names.get(name));
  const walks = [...Array(walkCount).keys()];

  // n^-1 mod 2^64 by Newton's iteration: n is its own inverse mod 8, and each round doubles the
  // number of correct low bits (3, 6, 12, 24, 48, 96).
  emit.get('n').set('nInverse');
  for (let round = 0; round < 5; round++) {
    emit.get('nInverse');
    body.i64Const(2n);
    emit.get('n').get('nInverse');
    body.i64Mul().i64Sub().i64Mul();
    emit.set('nInverse');
  }
  emit.low('n').set('n0');
  emit.high('n').set('n1');
  body.i64Const(1n);
  emit.set('base');

  body.loop(); // attempts, each with fresh constants
  body.block(); // left with (backX, backY, backC) set when a batch's gcd is not 1
  for (const walk of walks) {
    emit.get('base');
    body.i64Const(BigInt(walk)).i64Add();
    emit.set(`c${walk}`);
    emit.get('n').get(`c${walk}`);
    body.i64Sub();
    emit.set(`nMinusC${walk}`);
    body.i64Const(2n);
    emit.set(`y${walk}`);
    body.i64Const(1n);
    emit.set(`q${walk}`);
  }
  body.i32Const(1);
  emit.set('range');

  body.loop(); // ranges: x = y, then `range` steps without comparing, then `range` steps comparing
  for (const walk of walks) emit.get(`y${walk}`).set(`x${walk}`);
  emit.get('range').set('index');
  body.loop();
  for (const walk of walks) emit.rhoStep(walk);
  emit.get('index');
  body.i32Const(1).i32Sub();
  body.localTee(names.get('index'));
  body.brIf(0).end();
  emit.get('steps').get('range');
  body.i32Add();
  emit.set('steps');
  body.i32Const(0);
  emit.set('done');

  body.loop(); // batches of at most BATCH compared steps, one gcd per walk after each
  for (const walk of walks) emit.get(`y${walk}`).set(`saved${walk}`);
  // count = min(BATCH, range - done)
  body.i32Const(batch);
  emit.get('range').get('done');
  body.i32Sub();
  body.i32Const(batch);
  emit.get('range').get('done');
  body.i32Sub().i32LessThanUnsigned().select();
  body.localTee(names.get('count'));
  emit.set('index');
  body.loop();
  for (const walk of walks) {
    emit.rhoStep(walk);
    emit.difference(`x${walk}`, `y${walk}`);
    emit.set('difference');
    emit.montgomeryMultiply(`q${walk}`, `q${walk}`, 'difference');
  }
  emit.get('index');
  body.i32Const(1).i32Sub();
  body.localTee(names.get('index'));
  body.brIf(0).end();
  emit.get('steps').get('count');
  body.i32Add();
  emit.set('steps');
  emit.get('done').get('count');
  body.i32Add();
  emit.set('done');
  for (const walk of walks) {
    emit.gcd('g', `q${walk}`);
    emit.get('g');
    body.i64Const(1n).i64Ne().if();
    emit.get(`x${walk}`).set('backX');
    emit.get(`saved${walk}`).set('backY');
    emit.get(`c${walk}`).set('backC');
    emit.get(`nMinusC${walk}`).set('backNMinusC');
    body.br(3); // out of: if, batch loop, range loop, to the end of the block
    body.end();
  }
  emit.get('done').get('range');
  body.i32LessThanUnsigned().brIf(0);
  body.end(); // batches

  emit.get('range');
  body.i32Const(1).i32ShiftLeft();
  emit.set('range');
  emit.get('steps').get('budget');
  body.i32GreaterThanUnsigned().if();
  body.i64Const(0n).return();
  body.end();
  body.br(0);
  body.end(); // ranges
  body.end(); // block

  // A gcd other than 1: a proper divisor, or n when the batch caught both primes; then replay the
  // batch one step at a time from its saved start (it ends within the batch, where q became 0 mod n).
  emit.get('g').get('n');
  body.i64Ne().if();
  emit.get('g');
  body.return().end();
  // The replay reuses walk 0's locals with the constant of the walk being replayed.
  emit.get('backY').set('y0');
  emit.get('backC').set('c0');
  emit.get('backNMinusC').set('nMinusC0');
  body.loop();
  emit.rhoStep(0);
  emit.difference('backX', 'y0');
  emit.set('difference');
  emit.gcd('g', 'difference');
  emit.get('g');
  body.i64Const(1n).i64Eq().brIf(0);
  body.end();
  emit.get('g').get('n');
  body.i64Ne().if();
  emit.get('g');
  body.return().end();
  // Both primes at the same step: start again with the next constants, within the budget.
  emit.get('base');
  body.i64Const(BigInt(walkCount)).i64Add();
  emit.set('base');
  emit.get('steps').get('budget');
  body.i32GreaterThanUnsigned().if();
  body.i64Const(0n).return();
  body.end();
  body.br(0);
  body.end(); // attempts
  body.unreachable();
  return body;
}

/** The whole module's bytes. Deterministic: the same source always gives the same bytes. */
export function buildPqRhoWasm(options: PqRhoKernelOptions = {}): Uint8Array {
  const body = buildFindDivisor(options.walks ?? WALKS, options.batch ?? BATCH);
  return assembleModule({ initialPages: 0, functions: [{ name: 'findDivisor', body }] });
}
