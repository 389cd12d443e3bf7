/**
 * Joining two parts of a file on their own (join-parts.ts), without the split runner: the state of an importer that
 * read the first lines and absorbed what another importer gathered from the rest equals the state of one importer
 * that read every line. The state is compared in its exported (plain) form, which carries every gathered field.
 */
import { describe, expect, it } from 'vitest';
import { createImporter, type ImportOptions } from '../../../src/core/import';
import { RowAcceptor } from '../../../src/core/import/accept-rows';
import { settleMapping } from '../../../src/core/import/import-options';
import { absorbPart, exportPart } from '../../../src/core/import/join-parts';
import { mapping, utf8 } from '../../fixtures/import/helpers';

const NO_STREAM = { lines: 0, bytes: 0, replacedCharacters: 0 };

const shopOptions: ImportOptions = {
  fileName: 'shop.csv',
  totalBytes: 0,
  encoding: 'utf-8',
  delimiter: ';',
  hasHeader: true,
  mapping: mapping({ orderId: 0, customer: 1, date: 2, amount: 3, product: 4, cost: 5 }),
};

/**
 * Rows that exercise every part of the state: new and repeated customers and products on both sides of any cut,
 * more than 20 rejections of one reason, dates that prove day/month order both ways, decimal commas with digit groups,
 * unreadable costs, blank lines, a row with extra fields, quoted cells with doubled quotes, a currency column.
 */
function shopText(): string {
  const lines = ['Order;Customer;Date;Amount;Product;Cost;Currency'];
  for (let i = 0; i < 90; i++) {
    if (i % 23 === 7) {
      lines.push('');
      continue;
    }
    const customer = i % 10 === 3 ? '' : i % 4 === 0 ? `"K ""${i % 6}"""` : `K${(i * 5) % 13}`;
    const date = i % 3 === 1 ? 'someday' : i === 20 ? '02/13/2024' : i === 50 || i === 62 ? '13/02/2024' : `0${1 + (i % 9)}/0${1 + (i % 7)}/2024`;
    const amount = i % 5 === 0 ? `"1.${200 + i},50"` : `${i},75`;
    const cost = i % 8 === 2 ? 'n/a' : `${i % 7},5`;
    const extra = i === 44 ? ';surplus' : '';
    lines.push(`O${i >> 1};${customer};${date};${amount};P${i % 4};${cost};EUR${extra}`);
  }
  return lines.join('\n') + '\n';
}

function acceptor(options: ImportOptions) {
  return new RowAcceptor(options, settleMapping(options.mapping));
}

/** One importer's state after reading all of `text`. */
function onePass(text: string, options: ImportOptions) {
  const whole = acceptor(options);
  whole.reader.pushText(text);
  whole.reader.end();
  return whole;
}

/** The state after reading `text` up to `cut` and absorbing the part another importer read from `cut` on. */
function joinedAt(text: string, cut: number, options: ImportOptions) {
  const first = acceptor(options);
  first.reader.pushText(text.slice(0, cut));
  if (first.header === null || !first.reader.atRecordBoundary) return null;
  const second = acceptor({ ...options, continuation: { header: first.header, width: first.width } });
  second.reader.pushText(text.slice(cut));
  second.reader.end();
  absorbPart(first, exportPart(second, NO_STREAM), first.reader.linesRead);
  return first;
}

/**
 * A state's export for comparing, its order ids as codes and counts: joining drops their text (only codes are kept,
 * see CodeDictionary.absorbCodes).
 */
function comparable(state: RowAcceptor) {
  const order = state.labels.order;
  const { order: _order, ...labels } = state.labels;
  const withoutOrderText = Object.assign(Object.create(state) as RowAcceptor, { labels });
  return {
    ...exportPart(withoutOrderText, NO_STREAM),
    orderCodes: order ? Array.from(state.orderCodes(order, state.rows).data.subarray(0, state.rows)) : null,
    orderIds: order ? { size: order.dict.size, blank: order.dict.blank, undecodable: [...(order.dict.undecodable ?? [])] } : null,
  };
}

/** Every position just after a line feed, except the end. */
const cutsOf = (text: string) => [...text].flatMap((c, i) => (c === '\n' && i + 1 < text.length ? [i + 1] : []));

describe('a part absorbed into the importer of the part before', () => {
  it('leaves the same state as one pass, wherever the cut falls', () => {
    const text = shopText();
    const whole = comparable(onePass(text, shopOptions));
    expect(whole.rejected.find((g) => g.code === 'bad-date')!.count).toBeGreaterThan(20);
    expect(whole.costUnreadable).toBeGreaterThan(0);
    expect(whole.blankLines).toBeGreaterThan(0);
    expect(whole.extraFieldsLine).toBeGreaterThan(0);
    let joins = 0;
    for (const cut of cutsOf(text)) {
      const joined = joinedAt(text, cut, shopOptions);
      if (joined === null) continue;
      joins++;
      expect(comparable(joined), `cut at character ${cut}`).toEqual(whole);
    }
    expect(joins).toBe(cutsOf(text).length);
  });

  it('renumbers the part’s dictionary codes into the dictionaries before it', () => {
    const options: ImportOptions = { ...shopOptions, mapping: mapping({ customer: 0, date: 1, amount: 2, product: 3 }) };
    const text = 'Customer;Date;Amount;Product\nA;2024-01-01;1;x\nB;2024-01-02;2;y\nC;2024-01-03;3;y\nA;2024-01-04;4;z\n';
    const joined = joinedAt(text, text.indexOf('C;'), options)!;
    const part = exportPart(joined, NO_STREAM);
    expect(part.customerIds).toEqual({ chars: Uint8Array.from([65, 66, 67]), ends: Int32Array.from([1, 2, 3]) });
    // Exported, the part's customers are sealed: their values read once as strings (the packed arrays go then).
    expect(joined.customers.values).toEqual(['A', 'B', 'C']);
    expect(() => joined.customers.id('D')).toThrow(/sealed/);
    expect(Array.from(part.customer)).toEqual([0, 1, 2, 0]);
    expect(joined.labels.product!.dict.values).toEqual(['x', 'y', 'z']);
    expect(Array.from(part.labels.product!.codes)).toEqual([0, 1, 1, 2]);
  });

  it('shifts the part’s line numbers by the lines before it, blank and multi-line records included', () => {
    const options: ImportOptions = { ...shopOptions, mapping: mapping({ customer: 0, date: 1, amount: 2 }) };
    const text = 'Customer;Date;Amount\n"A\nB";2024-01-01;1\n\nC;later;2\nD;2024-01-03;3;4\nE;2024-01-04;x\n';
    const joined = joinedAt(text, text.indexOf('C;'), options)!;
    const part = exportPart(joined, NO_STREAM);
    expect(Array.from(part.line!)).toEqual([2, 6]);
    expect(part.extraFieldsLine).toBe(6);
    expect(part.rejected.map((g) => [g.code, g.examples])).toEqual([
      ['bad-date', [{ line: 5, text: 'C;later;2' }]],
      ['bad-amount', [{ line: 7, text: 'E;2024-01-04;x' }]],
    ]);
  });

  it('keeps empty-amount and waiting-for-its-order marks when only one side has them, and holds neither column without', () => {
    const options: ImportOptions = { ...shopOptions, mapping: mapping({ orderId: 0, customer: 1, date: 2, amount: 3 }) };
    const text = 'Order;Customer;Date;Amount\nO1;A;2024-01-01;10\nO2;B;2024-01-02;20\nO2;;;\nO3;C;2024-01-03;30\nO3;;2024-01-03;\nO4;D;2024-01-04;40\n';
    const whole = comparable(onePass(text, options));
    expect(Array.from(whole.amountEmpty!)).toEqual([0, 0, 1, 0, 1, 0]);
    expect(Array.from(whole.inherit!)).toEqual([0, 0, 3, 0, 1, 0]);
    for (const cut of cutsOf(text)) expect(comparable(joinedAt(text, cut, options)!), `cut at ${cut}`).toEqual(whole);
    // A file of whole orders: a byte a row each saved.
    const plain = onePass('Order;Customer;Date;Amount\nO1;A;2024-01-01;10\nO2;B;2024-01-02;20\n', options);
    expect([plain.amountEmpty, plain.inherit]).toEqual([null, null]);
    // A row rejected after its empty amount was marked (its customer id undecodable) leaves no mark on the row that
    // takes its place.
    const rejected = exportPart(onePass('Order;Customer;Date;Amount\nO1;A;2024-01-01;10\nO2;B\uFFFD;2024-01-02;\nO3;C;2024-01-03;30\n', options), NO_STREAM);
    expect([rejected.rows, rejected.rejected[0].code, Array.from(rejected.amountEmpty!)]).toEqual([2, 'undecodable-customer', [0, 0]]);
  });

  it('keeps no order codes when each row on both sides is an order of its own, and makes them when the part repeats one', () => {
    const options: ImportOptions = { ...shopOptions, mapping: mapping({ orderId: 0, customer: 1, date: 2, amount: 3 }) };
    const rows = (ids: string[]) => 'Order;Customer;Date;Amount\n' + ids.map((id, i) => `${id};C${i % 3};2024-01-0${i + 1};${i + 1}\n`).join('');
    const unique = rows(['#1', '#2', '#3', '#4', '#5', '#6']);
    for (const cut of cutsOf(unique).slice(1)) {
      const joined = joinedAt(unique, cut, options)!;
      expect(joined.labels.order!.codes, `cut at ${cut}`).toBeNull();
      expect([joined.rows, joined.labels.order!.dict.size]).toEqual([6, 6]);
    }
    // Counting down in the second half is as new as counting up; an id of the first half again is not.
    for (const ids of [['#1', '#2', '#3', '#9', '#8', '#7'], ['#1', '#2', '#3', '#4', '#2', '#6'], ['#1', '#1', '#2', '#3', '#4', '#5']]) {
      const text = rows(ids);
      const whole = comparable(onePass(text, options));
      for (const cut of cutsOf(text).slice(1)) expect(comparable(joinedAt(text, cut, options)!), `${ids} cut at ${cut}`).toEqual(whole);
    }
    expect(comparable(onePass(rows(['#1', '#2', '#3', '#4', '#2', '#6']), options)).orderCodes).toEqual([0, 1, 2, 3, 1, 4]);
  });

  it('keeps month-first readings when only one side has dates that read differently that way', () => {
    const options: ImportOptions = { ...shopOptions, mapping: mapping({ customer: 0, date: 1, amount: 2 }) };
    const text = 'Customer;Date;Amount\nA;02/03/2024;1\nB;2024-05-06;2\nC;07/08/2024;3\nD;2024-09-10;4\nE;2024-11-12;5\n';
    const whole = exportPart(onePass(text, options), NO_STREAM);
    expect(Array.from(whole.monthFirst!)).not.toEqual(Array.from(whole.dayFirst));
    for (const cut of cutsOf(text).slice(1)) expect(exportPart(joinedAt(text, cut, options)!, NO_STREAM), `cut at ${cut}`).toEqual(whole);
    // ISO dates throughout: no second reading is kept at all.
    expect(exportPart(onePass('Customer;Date;Amount\nA;2024-05-06;1\n', options), NO_STREAM).monthFirst).toBeNull();
  });

  it('merges the evidence: a date in the part decides the order, a comma in the part decides the decimal mark', () => {
    const options: ImportOptions = { ...shopOptions, mapping: mapping({ customer: 0, date: 1, amount: 2 }) };
    const text = 'Customer;Date;Amount\nA;01/02/2024;"1.250"\nB;03/04/2024;7\nC;25/04/2024;"2,5"\n';
    const joined = joinedAt(text, text.indexOf('C;'), options)!;
    expect(joined.dates.decide('MDY')).toBe('DMY');
    expect(joined.dayFirstOnlyText).toEqual(new Map([[4, 'C;25/04/2024;"2,5"']]));
    expect(joined.numbers.amount!.evidence.decide()).toEqual({ decimal: ',', group: '.' });
  });
});

describe('Importer.endPart and absorb', () => {
  it('give the table and report of one pass', async () => {
    const text = shopText();
    const bytes = utf8(text);
    const whole = createImporter({ ...shopOptions, totalBytes: bytes.length });
    whole.push(bytes);
    const expected = whole.finish();
    const cut = utf8(text.slice(0, cutsOf(text)[30])).length;
    const first = createImporter({ ...shopOptions, totalBytes: cut });
    first.push(bytes.subarray(0, cut));
    const second = createImporter({ ...shopOptions, totalBytes: bytes.length - cut, continuation: { header: first.header!.names, width: first.header!.width } });
    second.push(bytes.subarray(cut));
    await first.absorb(await second.endPart());
    expect(first.bytesRead).toBe(bytes.length);
    expect(first.finish()).toEqual(expected);
  });

  it('refuse a part when the bytes before it end inside a record', async () => {
    const first = createImporter(shopOptions);
    first.push(utf8('Order;Customer;Date;Amount;Product;Cost\nO1;"K\n'));
    const second = createImporter({ ...shopOptions, continuation: { header: first.header!.names, width: first.header!.width } });
    second.push(utf8('O2;K2;01/01/2024;1;P;0\n'));
    await expect(first.absorb(await second.endPart())).rejects.toThrow(/record boundary/);
  });
});
