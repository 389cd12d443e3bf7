/**
 * Joining the two halves of a file read at once: the importer of the later half exports its ImportState as plain
 * data (typed arrays, strings, arrays) a worker can transfer; the importer of the half before absorbs it. The
 * result equals reading the file in one pass: line numbers are shifted by the lines before the part, dictionary
 * codes are renumbered into the first half's dictionaries, and evidence and examples merge in file order.
 */
import { INHERIT_CUSTOMER, type ImportState, type LabelColumn, type LabelRole, type NumberColumn, type NumberRole, type OrderColumn } from './import-state';
import { MAX_EXAMPLES } from './rejections';
import { release } from '../release';
import { arraysOf, type PackedValues } from './code-dictionary';
import type { FrontCodedValues } from './front-coded';

/** What the byte stream under the state counted: the physical lines the part spans, its bytes, its � characters. */
export interface StreamCounts {
  lines: number;
  bytes: number;
  replacedCharacters: number;
}

const numberColumnPart = (c: NumberColumn, rows: number) => ({
  value: c.value.data.subarray(0, rows),
  fit: c.fit.data.subarray(0, rows),
  evidence: c.evidence.state(),
  onlyDotText: [...c.onlyDotText],
  onlyCommaText: [...c.onlyCommaText],
});

const labelColumnPart = (l: LabelColumn, rows: number) => ({ values: l.dict.packed(), codes: l.codes.data.subarray(0, rows) });
/** `codes` null: each of the part's rows is an order of its own (see OrderColumn). */
const orderColumnPart = (o: OrderColumn, rows: number) => ({ values: o.dict.exported(), codes: o.codes ? o.codes.data.subarray(0, rows) : null });

/** A part's state as plain data; the per-row arrays are views of the state's own buffers (transferred, not copied). */
export function exportPart(state: ImportState, stream: StreamCounts) {
  const n = state.rows;
  // The part is read to its end: its customers' lookup (a table, or the dense ids' array) goes, and the values are
  // handed over as they are then kept, not copied out for lookups that will not come.
  state.customers.seal();
  const numbers: Partial<Record<NumberRole, ReturnType<typeof numberColumnPart>>> = {};
  for (const [role, c] of Object.entries(state.numbers) as [NumberRole, NumberColumn][]) numbers[role] = numberColumnPart(c, n);
  const labels: Partial<Record<Exclude<LabelRole, 'order'>, ReturnType<typeof labelColumnPart>>> = {};
  for (const [role, l] of Object.entries(state.labels) as [LabelRole, LabelColumn | OrderColumn][]) if (role !== 'order') labels[role] = labelColumnPart(l as LabelColumn, n);
  const order = state.labels.order ? orderColumnPart(state.labels.order, n) : null;
  return {
    ...stream,
    rows: n,
    read: state.read,
    blankLines: state.blankLines,
    extraFieldsLine: state.extraFieldsLine,
    costUnreadable: state.costUnreadable,
    refundedUnreadable: state.refundedUnreadable,
    customerIds: state.customers.handedOver(),
    customer: state.customer.data.subarray(0, n),
    /** Null while row i starts on line firstLine + i (see ImportState.line). */
    line: state.line ? state.line.data.subarray(0, n) : null,
    firstLine: state.firstLine,
    dayFirst: state.dayFirst.data.subarray(0, n),
    monthFirst: state.monthFirst ? state.monthFirst.data.subarray(0, n) : null,
    amountEmpty: state.amountEmpty ? state.amountEmpty.data.subarray(0, n) : null,
    emptyAmountText: [...state.emptyAmountText],
    inherit: state.inherit ? state.inherit.data.subarray(0, n) : null,
    inheritText: [...state.inheritText],
    dates: state.dates.counts(),
    dayFirstOnlyText: [...state.dayFirstOnlyText],
    monthFirstOnlyText: [...state.monthFirstOnlyText],
    riskyProductText: [...state.riskyProductText],
    numbers,
    labels,
    order,
    currencyCodes: [...state.currencyCodes],
    rejected: state.rejects.groupsInOrder(),
  };
}

/**
 * What the importer of a later part of a file gathered, as plain data a worker can transfer: its state as
 * `exportPart` gives it, so that a field added to the state and exported is carried without a second list.
 */
export type ImportPart = ReturnType<typeof exportPart>;

/**
 * Append a later part's rows and evidence to `state`, as if its lines had followed the state's own. `lineOffset`
 * is the number of physical lines before the part. The stream counts (bytes, lines, � characters) are the caller's.
 */
export function absorbPart(state: ImportState, part: ImportPart, lineOffset: number): void {
  const at = state.rows;
  const n = part.rows;
  state.reserve(at + n, true);
  const keepExamples = (into: Map<number, string>, from: [number, string][]) => {
    for (const [line, text] of from) if (into.size < MAX_EXAMPLES) into.set(line + lineOffset, text);
  };
  const copyCodes = (into: Uint32Array, codes: Uint32Array, remap: Uint32Array) => {
    for (let i = 0; i < n; i++) into[at + i] = remap[codes[i]];
  };
  // Each of the part's arrays is given back as soon as it is copied, and the dictionaries come last, the order ids'
  // (dropped once joined) before the customers' (whose table may grow): at ten million lines the part's columns and
  // both halves' order ids were held through the customers' join, the import's peak in Chromium.
  // Lines stay without a column when the part's rows, shifted, go on counting from the rows before.
  const partLines = part.line;
  if (at === 0 && n > 0) state.firstLine = (partLines ? partLines[0] : part.firstLine) + lineOffset;
  if (partLines || (n > 0 && at > 0 && part.firstLine + lineOffset !== state.firstLine + at) || state.line) {
    const line = state.lines(at).data;
    for (let i = 0; i < n; i++) line[at + i] = (partLines ? partLines[i] : part.firstLine + i) + lineOffset;
  }
  release(partLines);
  state.dayFirst.data.set(part.dayFirst, at);
  // Month-first readings on either side: the side without them read every date the same both ways.
  const monthFirst = state.monthFirst ?? (part.monthFirst ? state.splitDateReadings(at) : null);
  if (monthFirst) monthFirst.data.set(part.monthFirst ?? part.dayFirst, at);
  release(part.dayFirst, part.monthFirst);
  // Either side may have no empty amounts, or no rows waiting for their order: then it holds no such column.
  if (part.amountEmpty) state.startAmountEmpty().data.set(part.amountEmpty, at);
  release(part.amountEmpty);
  keepExamples(state.emptyAmountText, part.emptyAmountText);
  if (part.inherit) state.startInherit().data.set(part.inherit, at);
  keepExamples(state.inheritText, part.inheritText);
  state.dates.absorb(part.dates);
  keepExamples(state.dayFirstOnlyText, part.dayFirstOnlyText);
  keepExamples(state.monthFirstOnlyText, part.monthFirstOnlyText);
  keepExamples(state.riskyProductText, part.riskyProductText);
  for (const [role, c] of Object.entries(state.numbers) as [NumberRole, NumberColumn][]) {
    const p = part.numbers[role]!;
    c.value.data.set(p.value, at);
    c.fit.data.set(p.fit, at);
    release(p.value, p.fit);
    c.evidence.absorb(p.evidence);
    keepExamples(c.onlyDotText, p.onlyDotText);
    keepExamples(c.onlyCommaText, p.onlyCommaText);
  }
  const order = state.labels.order;
  // The part is the file's last and order ids are only counted: their codes, without storing the part's ids.
  if (order && part.order) {
    const codes = part.order.codes;
    // Every id of the part new, in order (order numbers counting on): value v's code is first + v, with no codes made.
    const first = order.dict.absorbNewInOrder(part.order.values);
    const remap = first < 0 ? order.dict.absorbCodes(part.order.values) : null;
    releaseValues(part.order.values);
    const codeOf = (v: number) => (remap ? remap[v] : first + v);
    // Rows that are each an order of their own on both sides (the part's ids all new: order numbers counting up)
    // stay without a column.
    let perRow = !order.codes && !codes && (remap !== null || first === at);
    for (let i = 0; remap && perRow && i < n; i++) perRow = remap[i] === at + i;
    if (!perRow) {
      const into = state.orderCodes(order, at).data;
      for (let i = 0; i < n; i++) into[at + i] = codeOf(codes ? codes[i] : i);
    }
    release(codes, remap);
  }
  for (const [role, l] of Object.entries(state.labels) as [LabelRole, LabelColumn | OrderColumn][]) {
    if (role === 'order') continue;
    const label = l as LabelColumn;
    const p = part.labels[role]!;
    const remap = label.dict.absorb(p.values);
    copyCodes(label.codes.data, p.codes, remap);
    release(p.codes, p.values.chars, p.values.ends, remap);
  }
  const customerRemap = state.customers.absorb(part.customerIds);
  copyCodes(state.customer.data, part.customer, customerRemap);
  release(part.customer, ...arraysOf(part.customerIds), customerRemap);
  if (part.inherit) {
    // A customer still to come from its order holds code 0, which is no customer of the part's dictionary.
    const inherit = part.inherit;
    for (let i = 0; i < n; i++) if (inherit[i] & INHERIT_CUSTOMER) state.customer.data[at + i] = 0;
  }
  for (const [code, count] of part.currencyCodes) state.currencyCodes.set(code, (state.currencyCodes.get(code) ?? 0) + count);
  state.rejects.absorb(part.rejected, lineOffset);
  if (state.extraFieldsLine === 0 && part.extraFieldsLine !== 0) state.extraFieldsLine = part.extraFieldsLine + lineOffset;
  state.rows += n;
  state.read += part.read;
  state.blankLines += part.blankLines;
  state.costUnreadable += part.costUnreadable;
  state.refundedUnreadable += part.refundedUnreadable;
  releasePart(part);
}

/**
 * A part's arrays, once copied into the state: they were the second half of a file's rows and ids (27 bytes a row and
 * more at ten million lines), and the part is read no more.
 */
function releasePart(part: ImportPart): void {
  release(part.customer, part.line, part.dayFirst, part.monthFirst, part.amountEmpty, part.inherit, ...arraysOf(part.customerIds));
  for (const n of Object.values(part.numbers)) release(n.value, n.fit);
  for (const l of Object.values(part.labels)) release(l.codes, l.values.chars, l.values.ends);
  if (part.order) {
    release(part.order.codes);
    releaseValues(part.order.values);
  }
}

function releaseValues(values: PackedValues | FrontCodedValues): void {
  if ('front' in values) release(values.front);
  else release(values.chars, values.ends);
}
