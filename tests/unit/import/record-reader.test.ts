/**
 * The streaming record reader on its own: how text splits into fields, which physical line each record starts on,
 * quotes, line endings, blank lines and unclosed quotes, and that the pieces the text arrives in change nothing.
 */
import { describe, expect, it } from 'vitest';
import { MAX_QUOTED_CHARS, RecordReader } from '../../../src/core/import/record-reader';
import { randomPieces, readEvents, seeded, type ReaderEvent } from '../../fixtures/import/helpers';
import type { Delimiter } from '../../../src/core/types';

const whole = (text: string, delimiter: Delimiter = ',') => readEvents([text], delimiter);

/** The events for `text` read whole, after checking that every way of cutting it gives the same. */
function read(text: string, delimiter: Delimiter = ','): ReaderEvent[] {
  const expected = whole(text, delimiter);
  expect(readEvents([...text], delimiter), 'one character at a time').toEqual(expected);
  const random = seeded(text.length);
  for (let k = 0; k < 5; k++) expect(readEvents(randomPieces(text, random, 7), delimiter), 'random pieces').toEqual(expected);
  return expected;
}

describe('delimiters', () => {
  it.each([
    [',', 'a,b,c\n1,2,3\n'],
    [';', 'a;b;c\n1;2;3\n'],
    ['\t', 'a\tb\tc\n1\t2\t3\n'],
    ['|', 'a|b|c\n1|2|3\n'],
  ] as const)('%j splits fields and keeps the others as text', (delimiter, text) => {
    expect(read(text, delimiter)).toEqual([
      ['record', 1, ['a', 'b', 'c']],
      ['record', 2, ['1', '2', '3']],
    ]);
  });

  it('keeps other delimiters, spaces and empty fields as they are', () => {
    expect(read('a;b,c; d ;\n;;x\n', ';')).toEqual([
      ['record', 1, ['a', 'b,c', ' d ', '']],
      ['record', 2, ['', '', 'x']],
    ]);
  });

  it('whitespace: runs of spaces and tabs separate fields, leading and trailing ones are ignored (CDNOW)', () => {
    const text = ' customer_id  date number_of_cds  dollar_value\r\n 00001 19970101  1  11.77\r\n00002\t19970112 \t 1 12.00  \r\n';
    expect(read(text, 'whitespace')).toEqual([
      ['record', 1, ['customer_id', 'date', 'number_of_cds', 'dollar_value']],
      ['record', 2, ['00001', '19970101', '1', '11.77']],
      ['record', 3, ['00002', '19970112', '1', '12.00']],
    ]);
  });

  it('whitespace: a line of spaces is blank, and the last line may lack its line break', () => {
    expect(read('a b\n   \n\t\nc  d', 'whitespace')).toEqual([
      ['record', 1, ['a', 'b']],
      ['blank', 2],
      ['blank', 3],
      ['record', 4, ['c', 'd']],
    ]);
  });
});

describe('quoted fields', () => {
  it('hold delimiters, doubled quotes and line breaks', () => {
    const text = 'id,note\n"A, Ltd","say ""hi"""\n"B","two\nlines"\nC,"x\r\ny"\nD,""\n';
    expect(read(text)).toEqual([
      ['record', 1, ['id', 'note']],
      ['record', 2, ['A, Ltd', 'say "hi"']],
      ['record', 3, ['B', 'two\nlines']],
      // B's note took lines 3-4, so C starts on line 5 and D on line 7.
      ['record', 5, ['C', 'x\r\ny']],
      ['record', 7, ['D', '']],
    ]);
  });

  it('count several line breaks inside one record, and CR-only breaks inside quotes', () => {
    const text = 'a,"1\n2\n3",b\rc,"4\r5",d\re,f';
    expect(read(text)).toEqual([
      ['record', 1, ['a', '1\n2\n3', 'b']],
      ['record', 4, ['c', '4\r5', 'd']],
      ['record', 6, ['e', 'f']],
    ]);
  });

  it('may have spaces around them; text after a closing quote is kept without its quotes', () => {
    expect(read(' "A" , "B"\t,"ab"cd,"x" y\n')).toEqual([['record', 1, ['A', 'B', 'abcd', 'x y']]]);
  });

  it('a quote inside an unquoted field is an ordinary character', () => {
    expect(read('12" vinyl,5\nsay "hi",6\n')).toEqual([
      ['record', 1, ['12" vinyl', '5']],
      ['record', 2, ['say "hi"', '6']],
    ]);
  });

  it('in a tab-delimited file, a tab is not a space to skip before a quote', () => {
    expect(read('a\t"b\tc"\t\td\n', '\t')).toEqual([['record', 1, ['a', 'b\tc', '', 'd']]]);
  });
});

describe('line endings and blank lines', () => {
  it.each([
    ['LF', '\n'],
    ['CRLF', '\r\n'],
    ['lone CR', '\r'],
  ])('%s', (_, eol) => {
    const text = ['h1,h2', 'a,1', '', 'b,2', ' , ', 'c,3'].join(eol) + eol;
    expect(read(text)).toEqual([
      ['record', 1, ['h1', 'h2']],
      ['record', 2, ['a', '1']],
      ['blank', 3],
      ['record', 4, ['b', '2']],
      // Only delimiters and spaces: nothing on the line.
      ['blank', 5],
      ['record', 6, ['c', '3']],
    ]);
  });

  it('CR then LF is one line break, LF then CR two', () => {
    expect(read('a,1\r\n\n\rb,2')).toEqual([
      ['record', 1, ['a', '1']],
      ['blank', 2],
      ['blank', 3],
      ['record', 4, ['b', '2']],
    ]);
  });

  it('an empty quoted field is data, not a blank line', () => {
    expect(read('""\n,\n')).toEqual([
      ['record', 1, ['']],
      ['blank', 2],
    ]);
  });
});

describe('unclosed quotes', () => {
  it('reject the line where the quote opens; the next lines are read with their own numbers', () => {
    expect(read('a,1\n"b,2\nc,3\nd,4\n')).toEqual([
      ['record', 1, ['a', '1']],
      ['unclosed', 2, '"b,2'],
      ['record', 3, ['c', '3']],
      ['record', 4, ['d', '4']],
    ]);
  });

  it('also when the quote opens in a later field, and on the last line without a line break', () => {
    expect(read('a,"1\r\nb,2\r\nc,"3')).toEqual([
      ['unclosed', 1, 'a,"1'],
      ['record', 2, ['b', '2']],
      ['unclosed', 3, 'c,"3'],
    ]);
  });

  it('a stray quote is not closed by the opening quote of a later field', () => {
    // Without care, the quote of line 2 would pair with the one before "x" on line 4 and swallow lines 2-4.
    expect(read('a,1\n"b,2\nc,3\nd,"x",4\ne,5\n')).toEqual([
      ['record', 1, ['a', '1']],
      ['unclosed', 2, '"b,2'],
      ['record', 3, ['c', '3']],
      ['record', 4, ['d', 'x', '4']],
      ['record', 5, ['e', '5']],
    ]);
  });

  it(`a quoted field longer than ${MAX_QUOTED_CHARS} characters is taken as unclosed even before the end`, () => {
    const text = `a,1\n"${'x'.repeat(MAX_QUOTED_CHARS)}\nb,2\n`;
    const events: string[] = [];
    const reader = new RecordReader(',', {
      record: (r) => void events.push(`record ${r.line} ${r.field(0)}`),
      blank: () => {},
      unclosedQuote: (line, t) => void events.push(`unclosed ${line} ${t.length}`),
    });
    for (let at = 0; at < text.length; at += 1 << 16) reader.pushText(text.slice(at, at + (1 << 16)));
    // Reported before the end of input: the reader does not hold the rest of the file in memory.
    expect(events).toEqual(['record 1 a', `unclosed 2 ${MAX_QUOTED_CHARS + 1}`, 'record 3 b']);
    reader.end();
    expect(events).toHaveLength(3);
  });
});

describe('record text for examples', () => {
  it('is the record as written, cut at 200 characters', () => {
    const texts: string[] = [];
    const reader = new RecordReader(',', { record: (r) => void texts.push(r.recordText()), blank: () => {}, unclosedQuote: () => {} });
    reader.pushText(`"x ""y""",1\r\n${'z'.repeat(250)},2\n"multi\nline",3`);
    reader.end();
    expect(texts).toEqual(['"x ""y""",1', `${'z'.repeat(200)}…`, '"multi\nline",3']);
  });
});

describe('pieces of any size', () => {
  it('give the same records for a mix of every feature, cut at every position', () => {
    const text = 'h1;h2;h3\r\n"a;1";"say ""x""";"l1\r\nl2"\r\n\r\nb;2;3\rc;"";\n"open;4\nd;5;6';
    const expected = whole(text, ';');
    expect(expected).toEqual([
      ['record', 1, ['h1', 'h2', 'h3']],
      ['record', 2, ['a;1', 'say "x"', 'l1\r\nl2']],
      ['blank', 4],
      ['record', 5, ['b', '2', '3']],
      ['record', 6, ['c', '', '']],
      ['unclosed', 7, '"open;4'],
      ['record', 8, ['d', '5', '6']],
    ]);
    for (let cut = 1; cut < text.length; cut++) expect(readEvents([text.slice(0, cut), text.slice(cut)], ';'), `cut at ${cut}`).toEqual(expected);
    for (let cut = 1; cut < text.length - 1; cut++) {
      expect(readEvents([text.slice(0, cut), '', text.slice(cut, cut + 1), text.slice(cut + 1)], ';'), `three pieces at ${cut}`).toEqual(expected);
    }
  });
});
