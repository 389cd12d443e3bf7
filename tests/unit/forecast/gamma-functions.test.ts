/**
 * lnΓ and ψ of src/core/forecast/models/gamma-functions.ts: against @stdlib's gammaln and digamma (a dev dependency,
 * kept as the reference for this test only) on a dense grid from 1e-8 to 1e100, against values computed at 50 digits,
 * and against exact values: lnΓ(n) = ln((n−1)!), lnΓ(n + ½) = ln((2n−1)!! √π / 2ⁿ), ψ(n) = −γ + H(n−1),
 * ψ(n + ½) = −γ − 2 ln 2 + Σₖ≤ₙ 2/(2k−1).
 *
 * The accuracy asked of both: 1e-14 relative, or 1e-15 absolute where the value is below 0.1 (near lnΓ's zeros at 1
 * and 2 and ψ's at 1.4616…). Measured: about 4e-15 relative at worst for x > 0, also near the zeros. Negative x (the
 * reflection formulas; no model uses them) are checked against the 50-digit values and the exact ones.
 */
import gammalnStdlib from '@stdlib/math-base-special-gammaln';
import digammaStdlib from '@stdlib/math-base-special-digamma';
import { describe, expect, it } from 'vitest';
import { digamma, lnGamma } from '../../../src/core/forecast/models/gamma-functions';

/** The doubles k steps above (k > 0) or below x, for x > 0. */
function stepped(x: number, k: number): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  view.setBigUint64(0, view.getBigUint64(0) + BigInt(k));
  return view.getFloat64(0);
}

/** Where one formula hands over to another, with the doubles around each. */
const SEAMS = [0.5, 1.5, 4, 10, 1.4616321449683622 - 0.2, 1.4616321449683622 + 0.2];
const PSI_ROOT = 1.4616321449683622;

function positiveGrid(): number[] {
  const xs: number[] = [];
  for (let e = -8; e <= 8; e += 0.0025) xs.push(10 ** e);
  for (let x = 0.001; x < 12; x += 0.0007) xs.push(x);
  for (const centre of [1, 2, PSI_ROOT]) {
    for (let e = -15; e <= -1; e += 0.05) xs.push(centre + 10 ** e, centre - 10 ** e);
    for (let k = 1; k <= 64; k++) xs.push(stepped(centre, k), stepped(centre, -k));
  }
  for (let n = 0; n <= 2000; n++) xs.push(n + 0.5);
  for (const seam of SEAMS) for (let k = -8; k <= 8; k++) xs.push(stepped(seam, k));
  xs.push(1e6 + 0.5, 1e7 + 0.5, 1e8 + 0.5, 2 ** 40 + 0.5, 1e12, 1e15, 1e20, 1e50, 1e100, 1e300);
  return xs;
}

/**
 * The largest error as a share of what is allowed: 1e-14 relative, or 1e-15 absolute for values below 0.1; and the
 * largest relative error where the value is at least 0.1.
 */
function worst(f: (x: number) => number, reference: (x: number) => number, xs: number[]) {
  let share = 0, at = NaN, relative = 0;
  for (const x of xs) {
    const want = reference(x);
    const error = Math.abs(f(x) - want);
    const allowed = Math.abs(want) >= 0.1 ? 1e-14 * Math.abs(want) : 1e-15;
    if (!(error / allowed <= share)) {
      share = error / allowed;
      at = x;
    }
    if (Math.abs(want) >= 0.1) relative = Math.max(relative, error / Math.abs(want));
  }
  return { share, at, relative };
}

/**
 * stdlib's gammaln (FreeBSD's lgamma) is itself off by up to 5e-15 on [1.1916, 1.2101], at the start of its
 * polynomial about the minimum (checked against mpmath at 50 digits; ours is within 2e-16 there): the grid leaves that
 * stretch to the 50-digit table below.
 */
const stdlibLnGammaDoubtful = (x: number) => x >= 1.1916 && x <= 1.2101;

describe('lnΓ and ψ against @stdlib on a dense grid', () => {
  const grid = positiveGrid();

  it(`lnΓ agrees within 1e-14 relative (1e-15 absolute near its zeros) at ${grid.length} points in (0, 1e300]`, () => {
    const { share, at } = worst(lnGamma, gammalnStdlib, grid.filter((x) => !stdlibLnGammaDoubtful(x)));
    expect(share, `worst at x = ${at}`).toBeLessThanOrEqual(1);
  });

  it(`ψ agrees within 1e-14 relative (1e-15 absolute near its zero) at ${grid.length} points in (0, 1e300]`, () => {
    const { share, at } = worst(digamma, digammaStdlib, grid);
    expect(share, `worst at x = ${at}`).toBeLessThanOrEqual(1);
  });
});

/** [x, lnΓ(x), ψ(x)] with mpmath 1.3.0 at 50 digits (mp.loggamma and mp.digamma of the double x), to 22 digits. */
const MPMATH: [number, string, string][] = [
  [1e-300, '690.7755278982137051803', '-9.999999999999999749409e+299'],
  [1e-8, '18.42068073818020888445', '-100000000.5772156463599'],
  [0.001, '6.907178885383853661684', '-1000.575571931810279655'],
  [0.1, '2.252712651734205902006', '-10.4237549404110762321'],
  [0.25, '1.288022524698077457371', '-4.22745353337626540809'],
  [0.5, '0.5723649429247000870717', '-1.963510026021423479441'],
  [0.75, '0.2032809514312953714814', '-1.085860879786472169627'],
  [0.9, '0.06637623973474295442597', '-0.7549269499470513491974'],
  [0.99, '0.005854806764709781453188', '-0.5937863040555951592594'],
  [1 + 2 ** -30, '-5.375739784311044456895e-10', '-0.5772156633695686314393'],
  [1.19, '-0.08242007447712085359282', '-0.3017881155746100973774'],
  [1.2, '-0.08537409000331583688375', '-0.2890398965921883518301'],
  [1.25, '-0.09827183642181316146385', '-0.2274535333762654080895'],
  [1.4616321449683622, '-0.1214862905358496080955', '-9.241265521729427516792e-17'],
  [1.5, '-0.1207822376352452223455', '0.03648997397857652055902'],
  [1.75, '-0.08440112102048555595779', '0.2474724535468611637064'],
  [1.9, '-0.03898427592308336167429', '0.3561841611640596581205'],
  [2 - 2 ** -30, '-3.937485951913020681012e-10', '0.4227843344978254836239'],
  [2.1, '0.04543773854448517900216', '0.4853359686798323496402'],
  [2.5, '0.2846828704729191596325', '0.7031566406452431872257'],
  [3, '0.6931471805599453094172', '0.9227843350984671393935'],
  [3.7, '1.4280723266653881292', '1.167153539361511440948'],
  [4.2, '2.048555636960590041962', '1.311338891286599630965'],
  [5.5, '3.957813967618716293877', '1.611093148581751123734'],
  [7.3, '7.147892523022248692104', '1.917820335637986072291'],
  [9.99, '12.77931521435019336023', '2.250700372831201121979'],
  [10.01, '12.82435026244824728225', '2.252803700318135736738'],
  [12.5, '18.73434751193644570163', '2.48519565127491204815'],
  [33.3, '82.60372358165494300782', '3.49046723852024277728'],
  [100.5, '361.4355404677776215553', '4.605174352581845211869'],
  [1000.25, '5906.947268271117176996', '6.907505289414428258109'],
  [12345.678, '103959.9199055460598243', '9.421020820741760877516'],
  [1e6 + 0.5, '12815511.47690276564211', '13.81551055796431577077'],
  [1e8 + 0.5, '1742068075.314175080002', '18.42068074395236547631'],
  [1e12, '26631021115915.65163619', '27.63102111592804820822'],
  [1e15 + 3, '33538776394910772.52615', '34.53877639491068776027'],
  [1e100, '2.292585092994045720636e+102', '230.2585092994045684177'],
];

/**
 * The same at negative x (reflection), where stdlib is not a good reference near the poles: it reduces 1 − x rather
 * than x, and its ψ(−7.000001) is off by 9e-10 relative.
 */
const MPMATH_NEGATIVE: [number, string, string][] = [
  [-1e-8, '18.42068074972452218248', '99999999.42278431655687'],
  [-0.2, '1.761497590833937918582', '4.034991433293861237524'],
  [-0.7, '1.452472938756807808488', '-2.073952793628703783102'],
  [-1.3, '1.202475786390111326962', '2.882540548866167303787'],
  [-3.99833, '3.219397317611058266839', '-597.2911531287295257519'],
  [-7.000001, '5.290347181119181965184', '1000002.015498543257523'],
  [-10.25, '-14.20399790093109065161', '5.516858419886273305325'],
  [-19.9999, '-33.12497402017026199097', '-9996.979151921342303317'],
  [-23.77919, '-52.48743089222896676376', '-0.5882275957039558380471'],
  [-150.3, '-605.1679288889455923864', '7.29845695631745680207'],
];

describe('lnΓ and ψ against 50-digit values', () => {
  // Relative to the value itself everywhere, near the zeros too: 5e-15 is about 20 units in the last place.
  it.each(MPMATH)('at x = %s', (x, lg, psi) => {
    expect(Math.abs(lnGamma(x) - Number(lg)) / Math.abs(Number(lg))).toBeLessThanOrEqual(5e-15);
    expect(Math.abs(digamma(x) - Number(psi)) / Math.abs(Number(psi))).toBeLessThanOrEqual(5e-15);
  });

  it.each(MPMATH_NEGATIVE)('at x = %s', (x, lg, psi) => {
    expect(Math.abs(lnGamma(x) - Number(lg)) / Math.max(1, Math.abs(Number(lg)))).toBeLessThanOrEqual(5e-15);
    expect(Math.abs(digamma(x) - Number(psi)) / Math.max(1, Math.abs(Number(psi)))).toBeLessThanOrEqual(5e-15);
  });
});

/** Fixed point with 40 decimals. */
const SCALE = 10n ** 40n;
const EULER_GAMMA = 5772156649015328606065120900824024310422n; // γ = 0.57721566490153286060651209008240243104215933…
const LN_2 = 6931471805599453094172321214581765680755n; // ln 2 = 0.69314718055994530941723212145817656807550013…
const fixed = (numerator: bigint, denominator: bigint) => (numerator * SCALE) / denominator;
const toNumber = (value: bigint) => Number(value) / 1e40;

/** ln of a positive integer, from its leading 64 bits: within 2e-16 relative of the exact value. */
function lnBig(n: bigint): number {
  const bits = n.toString(2).length;
  if (bits <= 64) return Math.log(Number(n));
  return Math.log(Number(n >> BigInt(bits - 64))) + (bits - 64) * Math.LN2;
}

describe('lnΓ and ψ at exact values', () => {
  it('lnΓ(n) = ln((n − 1)!) for n = 1 … 3000, and lnΓ(1) = lnΓ(2) = 0 exactly', () => {
    expect(lnGamma(1)).toBe(0);
    expect(lnGamma(2)).toBe(0);
    let factorial = 1n;
    for (let n = 3; n <= 3000; n++) {
      factorial *= BigInt(n - 1);
      const want = lnBig(factorial);
      expect(Math.abs(lnGamma(n) - want) / want, `n = ${n}`).toBeLessThanOrEqual(1e-15);
    }
  });

  it('lnΓ(n + ½) = ln((2n − 1)!! √π / 2ⁿ) and ln|Γ(½ − n)| = ln(2ⁿ √π / (2n − 1)!!) for n = 0 … 1000', () => {
    let doubleFactorial = 1n;
    for (let n = 0; n <= 1000; n++) {
      if (n > 0) doubleFactorial *= BigInt(2 * n - 1);
      const up = lnBig(doubleFactorial) - n * Math.LN2 + 0.5 * Math.log(Math.PI);
      expect(Math.abs(lnGamma(n + 0.5) - up), `n = ${n}`).toBeLessThanOrEqual(2e-15 * Math.max(1, Math.abs(up)));
      const down = n * Math.LN2 + 0.5 * Math.log(Math.PI) - lnBig(doubleFactorial);
      expect(Math.abs(lnGamma(0.5 - n) - down), `n = ${n}`).toBeLessThanOrEqual(2e-15 * Math.max(1, Math.abs(down)));
    }
  });

  it('ψ(1) = −γ, ψ(½) = −γ − 2 ln 2, ψ(n) = −γ + H(n − 1), ψ(n + ½) = ψ(½) + Σₖ≤ₙ 2/(2k − 1) = ψ(½ − n)', () => {
    expect(Math.abs(digamma(1) - -0.5772156649015329)).toBeLessThanOrEqual(2e-16);
    expect(Math.abs(digamma(0.5) - -1.9635100260214235)).toBeLessThanOrEqual(1e-15);
    // H as an exact fraction, then to 40 decimals.
    let hNum = 0n, hDen = 1n; // H(n − 1)
    let oNum = 0n, oDen = 1n; // Σₖ≤ₙ 2/(2k − 1)
    for (let n = 1; n <= 500; n++) {
      if (n > 1) [hNum, hDen] = [hNum * BigInt(n - 1) + hDen, hDen * BigInt(n - 1)];
      const psiN = toNumber(fixed(hNum, hDen) - EULER_GAMMA);
      expect(Math.abs(digamma(n) - psiN) / Math.abs(psiN), `ψ(${n})`).toBeLessThanOrEqual(2e-15);
      [oNum, oDen] = [oNum * BigInt(2 * n - 1) + 2n * oDen, oDen * BigInt(2 * n - 1)];
      const psiHalf = toNumber(fixed(oNum, oDen) - EULER_GAMMA - 2n * LN_2);
      expect(Math.abs(digamma(n + 0.5) - psiHalf) / Math.max(1, Math.abs(psiHalf)), `ψ(${n} + ½)`).toBeLessThanOrEqual(2e-15);
      expect(Math.abs(digamma(0.5 - n) - psiHalf) / Math.max(1, Math.abs(psiHalf)), `ψ(½ − ${n})`).toBeLessThanOrEqual(2e-15);
    }
  });

  it('has the poles, limits and NaNs', () => {
    for (const x of [0, -0, -1, -2, -1e6, -(2 ** 52), -1e300, -Infinity]) expect(lnGamma(x), `lnΓ(${x})`).toBe(Infinity);
    expect(lnGamma(Infinity)).toBe(Infinity);
    expect(lnGamma(NaN)).toBeNaN();
    for (const x of [0, -0, -1, -2, -1e6, -Infinity, NaN]) expect(digamma(x), `ψ(${x})`).toBeNaN();
    expect(digamma(Infinity)).toBe(Infinity);
    expect(Math.abs(lnGamma(1e305) / gammalnStdlib(1e305) - 1)).toBeLessThanOrEqual(1e-15); // 7.0e307
    expect(lnGamma(1e306)).toBe(Infinity); // 7.0e308 overflows
  });
});
