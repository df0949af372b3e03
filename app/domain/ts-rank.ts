/**
 * The directory's prefix queries as PostgreSQL composes them, and `ts_rank` (default weights, normalisation 0) over
 * them, in memory (decision 053; matching, `@@`, is in directory-text.server.ts). The arithmetic follows
 * src/backend/utils/adt/tsrank.c step by step, in float32 where C uses `float` (Math.fround), so a rank here equals
 * PostgreSQL's float4 bit for bit; tests compare the two.
 *
 * Lexemes are held as byte-order keys (`byteOrderKey`): strings whose code-unit order is PostgreSQL's order
 * of lexemes in a tsvector (memcmp of the UTF-8 bytes, shorter first), so native `<` and binary search agree
 * with it and `startsWith` is its prefix match.
 */

/** A tsvector's text, parsed: lexemes (byte-order keys) in storage order, each with its positions (WordEntryPos). */
export type ParsedTsvector = {
  lexemes: string[];
  /** The positions of lexeme i are positions[starts[i]] .. positions[starts[i + 1]]; none: a stripped lexeme. */
  starts: Int32Array;
  /** As PostgreSQL packs them: weight (0 D, 1 C, 2 B, 3 A) << 14 | position. */
  positions: Uint16Array;
};

/**
 * A tsvector for ranking, packed into one array so that ranking thousands of entries reads each from one place:
 * [n, the ids of its n lexemes (numbers of a vocabulary), n + 1 offsets into this array where each lexeme's
 * positions start (the last: where they end), the positions (WordEntryPos)].
 */
export type RankVector = Int32Array;

export function packRankVector(ids: ArrayLike<number>, { starts, positions }: ParsedTsvector): RankVector {
  const n = ids.length;
  const base = 2 + 2 * n;
  const vector = new Int32Array(base + positions.length);
  vector[0] = n;
  for (let i = 0; i < n; i++) vector[1 + i] = ids[i];
  for (let i = 0; i <= n; i++) vector[1 + n + i] = base + starts[i];
  vector.set(positions, base);
  return vector;
}

/**
 * What ranking needs of a query, computed once per search: for each vocabulary id, which operands prefix that
 * lexeme (bit i for operands[i], in byte order), and whether the query's root is an AND (two parts or more; one
 * part is an operand or an OR).
 */
export type RankQuery = { operandCount: number; bits: Uint32Array; and: boolean };

/**
 * A query as `prefixTsquery` composes it: the words' parts joined with &&, each part one or two prefix operands
 * joined with || (a part that is empty, a stop word, is left out by &&).
 */
export type PrefixQuery = {
  parts: string[][];
  /** The distinct operands in byte order (tsrank.c's SortAndUniqItems). */
  operands: string[];
};

// UTF-16 orders code units D800–DFFF (surrogates, code points from U+10000) before E000–FFFF; UTF-8 bytes
// order by code point. Moving each code unit from D800 up one-to-one keeps prefixes and equality.
const ABOVE_SURROGATES = /[\uD800-\uFFFF]/;
export function byteOrderKey(lexeme: string): string {
  if (!ABOVE_SURROGATES.test(lexeme)) return lexeme;
  let key = "";
  for (let i = 0; i < lexeme.length; i++) {
    const unit = lexeme.charCodeAt(i);
    key += String.fromCharCode(unit < 0xd800 ? unit : unit >= 0xe000 ? unit - 0x800 : unit + 0x2000);
  }
  return key;
}

const WEIGHT_OF_LETTER: Record<string, number> = { A: 3, B: 2, C: 1, D: 0 };

/**
 * A tsvector's text output (`'lexeme':1A,5 'it''s':3B`, `'a' 'b'` when stripped): quotes and backslashes
 * inside a lexeme are doubled; weight D is not written.
 */
export function parseTsvector(text: string): ParsedTsvector {
  const lexemes: string[] = [];
  const starts: number[] = [];
  const positions: number[] = [];
  let i = 0;
  while (i < text.length) {
    if (text[i] === " ") {
      i++;
      continue;
    }
    if (text[i] !== "'") throw new Error(`tsvector: expected a quote at ${i} in ${text.slice(0, 80)}`);
    let lexeme = "";
    let from = ++i;
    for (;;) {
      const c = text[i];
      if (c === undefined) throw new Error("tsvector: unterminated lexeme");
      if (c === "'" && text[i + 1] === "'") {
        lexeme += text.slice(from, i + 1);
        from = i += 2;
      } else if (c === "\\") {
        lexeme += text.slice(from, i) + text[i + 1];
        from = i += 2;
      } else if (c === "'") {
        lexeme += text.slice(from, i);
        i++;
        break;
      } else i++;
    }
    lexemes.push(byteOrderKey(lexeme));
    starts.push(positions.length);
    if (text[i] !== ":") continue;
    do {
      i++;
      let pos = 0;
      while (text[i] >= "0" && text[i] <= "9") pos = pos * 10 + text.charCodeAt(i++) - 48;
      const weight = WEIGHT_OF_LETTER[text[i]];
      if (weight !== undefined) i++;
      positions.push(((weight ?? 0) << 14) | pos);
    } while (text[i] === ",");
  }
  starts.push(positions.length);
  return { lexemes, starts: Int32Array.from(starts), positions: Uint16Array.from(positions) };
}

const PREFIX_OPERAND = /^'((?:[^'\\]|''|\\.)*)':\*$/;

/**
 * `to_tsquery(config, word || ':*')::text` as operands: none ('' : a stop word), one prefix operand's lexeme
 * (byte-order key), or null for anything else (a phrase, several operands), which only PostgreSQL answers.
 */
export function prefixOperands(tsquery: string): string[] | null {
  if (tsquery === "") return [];
  const match = PREFIX_OPERAND.exec(tsquery);
  if (!match) return null;
  return [byteOrderKey(match[1].replace(/''|\\(.)/g, (escape, c: string | undefined) => c ?? "'"))];
}

/**
 * One word's part of the query, as prefixTsquery builds it in SQL: `case when numnode(e) = 0 then e when s = e
 * then s else s || e end` (|| with an empty side is the other side).
 */
export function wordPart(simple: string[], english: string[]): string[] {
  if (english.length === 0) return [];
  if (simple.length === english.length && simple.every((s, i) => s === english[i])) return simple;
  return [...simple, ...english];
}

/** The query of the words' parts; null when it is empty as a whole (only stop words), which matches nothing. */
export function prefixQuery(wordParts: string[][]): PrefixQuery | null {
  const parts = wordParts.filter((p) => p.length > 0);
  if (parts.length === 0) return null;
  const operands = [...new Set(parts.flat())].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return { parts, operands };
}

/** The first index in sorted `lexemes` (byte-order keys) at or after `key`. */
export function lowerBound(lexemes: string[], key: string): number {
  let low = 0;
  let high = lexemes.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (lexemes[middle] < key) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** The RankQuery of `query` over a vocabulary given as its keys in byte order and their ids. */
export function rankQuery(query: PrefixQuery, sortedKeys: string[], sortedIds: ArrayLike<number>, vocabularySize: number): RankQuery {
  const bits = new Uint32Array(vocabularySize);
  query.operands.forEach((operand, i) => {
    for (let k = lowerBound(sortedKeys, operand); k < sortedKeys.length && sortedKeys[k].startsWith(operand); k++) bits[sortedIds[k]] |= 1 << i;
  });
  return { operandCount: query.operands.length, bits, and: query.parts.length >= 2 };
}

const f = Math.fround;
/** tsrank.c's default weights {0.1f, 0.2f, 0.4f, 1.0f}, by weight D, C, B, A. */
const WEIGHTS = [f(0.1), f(0.2), f(0.4), f(1.0)];
const MAXENTRYPOS = 1 << 14;
const weightOf = (wordEntryPos: number) => WEIGHTS[wordEntryPos >> 14];
const positionOf = (wordEntryPos: number) => wordEntryPos & (MAXENTRYPOS - 1);

/** word_distance: a float4 of a double expression; beyond 100 a constant. */
const WORD_DISTANCE = Float32Array.from({ length: 101 }, (_, w) => 1.0 / (1.005 + 0.05 * Math.exp(w / 1.5 - 2)));
const FAR = f(1e-30);
const wordDistance = (w: number) => (w > 100 ? FAR : WORD_DISTANCE[w]);

// Stand-ins for a lexeme stored without positions: calc_rank_or reads position 0, calc_rank_and 16383, both weight D.
const NO_POSITIONS_OR = Int32Array.of(0);
const NO_POSITIONS_AND = Int32Array.of(MAXENTRYPOS - 1);

// The loops below run for every match of every search: they index into the packed vector rather than allocate a
// range or a subarray per lexeme, and reuse these: per operand, the lexemes of the vector it prefixes, from and
// to (find_wordentry's prefix range: contiguous, since the lexemes are in byte order; to = 0: none).
const rangeFrom: number[] = [];
const rangeTo: number[] = [];

function findRanges(vector: RankVector, query: RankQuery): void {
  for (let i = 0; i < query.operandCount; i++) rangeFrom[i] = rangeTo[i] = 0;
  const n = vector[0];
  for (let entry = 0; entry < n; entry++) {
    const bits = query.bits[vector[1 + entry]];
    if (bits === 0) continue;
    for (let i = 0; i < query.operandCount; i++) {
      if (((bits >>> i) & 1) === 0) continue;
      if (rangeTo[i] === 0) rangeFrom[i] = entry;
      rangeTo[i] = entry + 1;
    }
  }
}

function rankOr(vector: RankVector, operandCount: number): number {
  const starts = 1 + vector[0];
  let res = 0;
  for (let i = 0; i < operandCount; i++) {
    for (let entry = rangeFrom[i]; entry < rangeTo[i]; entry++) {
      const stripped = vector[starts + entry] === vector[starts + entry + 1];
      const post = stripped ? NO_POSITIONS_OR : vector;
      const from = stripped ? 0 : vector[starts + entry];
      const count = stripped ? 1 : vector[starts + entry + 1] - from;
      let resj = 0;
      let wjm = -1;
      let jm = 0;
      for (let j = 0; j < count; j++) {
        const w = weightOf(post[from + j]);
        resj = f(resj + f(w / ((j + 1) * (j + 1))));
        if (w > wjm) {
          wjm = w;
          jm = j;
        }
      }
      // float arithmetic up to the division by a double constant; the sum is rounded back to float.
      res = f(res + f(f(wjm + resj) - f(wjm / ((jm + 1) * (jm + 1)))) / 1.64493406685);
    }
  }
  return operandCount > 0 ? f(res / operandCount) : res;
}

// Per operand, the positions of the LAST entry it matched (calc_rank_and's pos[]: a prefix operand's earlier
// entries are overwritten): array, first index, count (0: none yet). Reused across calls.
const posArray: Int32Array[] = [];
const posFrom: number[] = [];
const posCount: number[] = [];

function rankAnd(vector: RankVector, operandCount: number): number {
  if (operandCount < 2) return rankOr(vector, operandCount);
  const starts = 1 + vector[0];
  for (let i = 0; i < operandCount; i++) posCount[i] = 0;
  let res = -1;
  for (let i = 0; i < operandCount; i++) {
    for (let entry = rangeFrom[i]; entry < rangeTo[i]; entry++) {
      const stripped = vector[starts + entry] === vector[starts + entry + 1];
      const post = (posArray[i] = stripped ? NO_POSITIONS_AND : vector);
      const from = (posFrom[i] = stripped ? 0 : vector[starts + entry]);
      const count = (posCount[i] = stripped ? 1 : vector[starts + entry + 1] - from);
      for (let k = 0; k < i; k++) {
        const lenct = posCount[k];
        if (lenct === 0) continue;
        const ct = posArray[k];
        const at = posFrom[k];
        for (let l = 0; l < count; l++) {
          for (let p = 0; p < lenct; p++) {
            let dist = Math.abs(positionOf(post[from + l]) - positionOf(ct[at + p]));
            if (dist !== 0 || post === NO_POSITIONS_AND || ct === NO_POSITIONS_AND) {
              if (dist === 0) dist = MAXENTRYPOS;
              const curw = f(Math.sqrt(f(f(weightOf(post[from + l]) * weightOf(ct[at + p])) * wordDistance(dist))));
              res = res < 0 ? curw : f(1.0 - (1.0 - res) * (1.0 - curw));
            }
          }
        }
      }
    }
  }
  return res;
}

/** ts_rank(vector, query) with the default weights and normalisation 0 (calc_rank). */
export function tsRank(vector: RankVector, query: RankQuery): number {
  if (vector[0] === 0) return 0;
  findRanges(vector, query);
  const res = query.and ? rankAnd(vector, query.operandCount) : rankOr(vector, query.operandCount);
  return res < 0 ? f(1e-20) : res;
}
