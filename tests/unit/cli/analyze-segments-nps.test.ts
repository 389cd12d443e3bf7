/**
 * `npm run analyze` adds the RFM segments (always) and NPS (with --nps FILE) to the snapshot. Figures worked out by
 * hand on don-hang.csv (tests/fixtures/e2e/README.md): KH01 spends 1,250,000 + 450,000 + 600,000 = 2,300,000 ₫,
 * KH02 300,000 − 300,000 = 0 ₫, KH03 2,000,000 + 750,000 = 2,750,000 ₫; 5,050,000 ₫ in all, last day 2024-04-02.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseArgs, UsageError } from '../../../src/cli/analyze';
import { analyze, DON_HANG } from '../snapshot/fixtures';
import { tempDir } from '../../support/temp-dir';

const dir = tempDir('analyze-nps-', afterAll);
function file(name: string, text: string): string {
  const path = join(dir(), name);
  writeFileSync(path, text);
  return path;
}

function sum(counts: Record<string, { customers: number | null; revenue: number | null } | undefined>) {
  const total = { customers: 0, revenue: 0 };
  for (const c of Object.values(counts)) {
    total.customers += c?.customers ?? 0;
    total.revenue += c?.revenue ?? 0;
  }
  return total;
}

describe('analyze: segments', () => {
  it('--segments scores every buyer at the data’s last day, with the default rules, each customer in one segment', async () => {
    expect((await analyze(DON_HANG)).segments).toBeUndefined();
    const snapshot = await analyze(DON_HANG, '--segments');
    expect(snapshot.segments?.asOf).toBe('2024-04-02');
    expect(sum(snapshot.segments!.counts)).toEqual({ customers: 3, revenue: 5_050_000 });
    expect(snapshot.segments!.rules).toHaveLength(11);
    expect(snapshot.segments!.rules.at(-1)).toMatchObject({ r: [1, 5], f: [1, 5], m: [1, 5] });
  });

  it('--segments-as-of (which implies --segments) scores the customers and revenue known on that day', async () => {
    // By 2024-02-29: KH01 1,250,000 + 450,000; KH02 300,000 − 300,000; KH03 2,000,000: 3,700,000 ₫.
    const february = await analyze(DON_HANG, '--segments-as-of', '2024-02-29');
    expect(february.segments?.asOf).toBe('2024-02-29');
    expect(sum(february.segments!.counts)).toEqual({ customers: 3, revenue: 3_700_000 });
    // By 2024-01-31 only KH01 and KH02 had bought: 1,250,000 + 300,000.
    const january = await analyze(DON_HANG, '--segments-as-of', '2024-01-31');
    expect(sum(january.segments!.counts)).toEqual({ customers: 2, revenue: 1_550_000 });
  });

  it('refuses a malformed as-of date', () => {
    expect(() => parseArgs([DON_HANG, '--segments-as-of', '02/04/2024'])).toThrow(UsageError);
  });
});

describe('analyze: --nps', () => {
  // Latest answer per customer: KH01 9 (its earlier 2 is replaced), KH02 3, KH03 10, KH08 10 and KH09 7 (no such
  // customers). Promoters 3, passives 1, detractors 1 of 5: NPS 100 × (3 − 1) / 5 = 40; margin of error
  // 1.96 × √((0.6 + 0.2 − 0.4²) / 5) = 1.96 × 0.35777 = 70.12 points.
  const survey = file('khao-sat.csv', '\uFEFFMã khách hàng;Điểm;Ngày trả lời;Nhận xét\r\nKH01;2;10/03/2024;Chậm\r\nKH01;9;05/04/2024;Tốt\r\nKH02;3;06/04/2024;\r\nKH03;10;06/04/2024;Tuyệt vời\r\nKH08;10;07/04/2024;\r\nKH09;7;07/04/2024;\r\n');

  it('reads the survey, joins it to the customers and adds the nps part', async () => {
    const { nps } = await analyze(DON_HANG, '--nps', survey);
    expect(nps).toMatchObject({ answers: 5, matched: 3, unmatched: 2, promoters: 3, passives: 1, detractors: 1, score: 40 });
    expect(nps!.marginOfError).toBeCloseTo(70.12, 2);
    // Promoters who are customers: KH01 and KH03, 2,300,000 + 2,750,000; the detractor KH02 spent nothing net.
    expect(nps!.byGroup.promoter).toEqual({ customers: 2, revenue: 5_050_000, averageHistoricalClv: 2_525_000 });
    expect(nps!.byGroup.detractor).toEqual({ customers: 1, revenue: 0, averageHistoricalClv: 0 });
    expect(nps!.byGroup.passive.customers).toBe(0);
  });

  it('has no nps part without --nps', async () => {
    expect((await analyze(DON_HANG)).nps).toBeUndefined();
  });

  it('takes the survey’s columns by name when they cannot be guessed', async () => {
    const odd = file('odd.csv', 'who,how likely,when\nKH01,9,2024-04-05\nKH02,0,2024-04-06\n');
    const { nps } = await analyze(DON_HANG, '--nps', odd, '--nps-customer', 'who', '--nps-score', 'how likely', '--nps-date', 'when');
    expect(nps).toMatchObject({ answers: 2, matched: 2, promoters: 1, detractors: 1, score: 0 });
  });

  it('refuses survey column flags without a survey, and a column the survey does not have', async () => {
    expect(() => parseArgs([DON_HANG, '--nps-score', 'Điểm'])).toThrow('need --nps FILE');
    await expect(analyze(DON_HANG, '--nps', survey, '--nps-score', 'Rating')).rejects.toThrow('no column "Rating"');
  });
});
