/**
 * Builds random but seeded TL values from a schema's AST, for round-trip and fuzz tests: every
 * constructor can be instantiated, optional fields are set about half the time, and nesting is
 * bounded (past a depth, each boxed type picks its least nested constructor).
 */
import type { TlCombinator, TlTypeExpr } from '../../src/tl/schema/tl-ast';
import { ANY_OBJECT_TYPE, type TlSchemaModel } from '../../src/tl/codegen/tl-schema-model';

/** A small deterministic PRNG (mulberry32): same seed, same values. */
export class SeededRandom {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let value = this.state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer in [0, limit). */
  below(limit: number): number {
    return Math.floor(this.next() * limit);
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  int32(): number {
    return (this.next() * 4294967296) | 0;
  }

  bytes(length: number): Uint8Array {
    return Uint8Array.from({ length }, () => this.below(256));
  }

  pick<T>(items: readonly T[]): T {
    return items[this.below(items.length)];
  }
}

const TEXT_SAMPLES = [
  '',
  'a',
  'hello',
  'Привет',
  '日本語のテキスト',
  '👍🏽 emoji',
  '𝔘𝔫𝔦𝔠𝔬𝔡𝔢',
  'x'.repeat(253),
  'é'.repeat(127),
];

/** Options of {@link TlValueGenerator}. */
export interface TlValueGeneratorOptions {
  /** Past this depth, boxed types take their least nested constructor and vectors are short. */
  readonly maxDepth?: number;
  /** Values an `Object` field may hold (the MTProto schema's `rpc_result`, say). */
  readonly anyObject?: (random: SeededRandom) => unknown;
  /** Values a `!X` field may hold. */
  readonly anyMethod?: (random: SeededRandom, depth: number) => unknown;
}

/** Generates values of the types of one schema. */
export class TlValueGenerator {
  private readonly maxDepth: number;
  private readonly nesting = new Map<string, number>();

  constructor(
    private readonly model: TlSchemaModel,
    private readonly options: TlValueGeneratorOptions = {},
  ) {
    this.maxDepth = options.maxDepth ?? 3;
  }

  /** A value of `combinator` (constructor or method), with every field present as a key. */
  combinator(combinator: TlCombinator, random: SeededRandom, depth = 0): Record<string, unknown> {
    const value: Record<string, unknown> = { _: combinator.name };
    const bits = new Map<string, boolean>();
    for (const param of combinator.params) {
      if (param.type.kind === 'flags') continue;
      const condition = param.condition;
      if (condition === undefined) {
        value[param.name] = this.value(param.type, random, depth + 1);
        continue;
      }
      // Fields sharing a bit are present or absent together.
      const key = `${condition.field}.${condition.bit}`;
      let set = bits.get(key);
      if (set === undefined) {
        set = depth < this.maxDepth ? random.chance(0.5) : random.chance(0.15);
        bits.set(key, set);
      }
      if (param.type.kind === 'true') value[param.name] = set;
      else value[param.name] = set ? this.value(param.type, random, depth + 1) : undefined;
    }
    return value;
  }

  /** A value of the type expression `expr`. */
  value(expr: TlTypeExpr, random: SeededRandom, depth: number): unknown {
    switch (expr.kind) {
      case 'flags':
      case 'true':
        throw new Error(`${expr.kind} has no value of its own`);
      case 'primitive':
        return this.primitive(expr.name, random);
      case 'vector': {
        const length =
          depth > this.maxDepth + 2 ? 0 : depth > this.maxDepth ? random.below(2) : random.below(4);
        return Array.from({ length }, () => this.value(expr.element, random, depth + 1));
      }
      case 'named': {
        if (!expr.boxed) return this.combinator(this.model.bareConstructor(expr), random, depth);
        if (expr.name === ANY_OBJECT_TYPE) {
          if (!this.options.anyObject) throw new Error('no generator for Object fields');
          return this.options.anyObject(random);
        }
        const members = this.model.types.get(expr.name)!;
        const choice = depth > this.maxDepth ? this.leastNested(members) : random.pick(members);
        return this.combinator(choice, random, depth);
      }
      case 'generic':
        if (!this.options.anyMethod) throw new Error('no generator for !X fields');
        return this.options.anyMethod(random, depth);
    }
  }

  private primitive(name: string, random: SeededRandom): unknown {
    switch (name) {
      case 'int':
        return random.int32();
      case 'long':
        return BigInt.asIntN(64, (BigInt(random.int32() >>> 0) << 32n) | BigInt(random.int32() >>> 0));
      case 'double': {
        const value = (random.next() - 0.5) * 10 ** random.below(20);
        return Number.isFinite(value) ? value : 0.5;
      }
      case 'string':
        return random.pick(TEXT_SAMPLES);
      case 'bytes':
        return random.bytes(random.chance(0.1) ? 254 + random.below(300) : random.below(20));
      case 'int128':
        return random.bytes(16);
      case 'int256':
        return random.bytes(32);
      case 'Bool':
        return random.chance(0.5);
      default:
        throw new Error(`unknown primitive ${name}`);
    }
  }

  /** The constructor with the fewest required nested objects, so that deep values end. */
  private leastNested(members: readonly TlCombinator[]): TlCombinator {
    let best = members[0];
    let bestScore = Infinity;
    for (const member of members) {
      const score = this.nestingScore(member);
      if (score < bestScore) {
        best = member;
        bestScore = score;
      }
    }
    return best;
  }

  private nestingScore(combinator: TlCombinator): number {
    const known = this.nesting.get(combinator.name);
    if (known !== undefined) return known;
    let score = 0;
    for (const param of combinator.params) {
      if (param.condition !== undefined) continue;
      let type = param.type;
      while (type.kind === 'vector') type = type.element;
      if (type.kind === 'named' || type.kind === 'generic') score++;
    }
    this.nesting.set(combinator.name, score);
    return score;
  }
}
