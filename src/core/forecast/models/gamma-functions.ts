/**
 * lnΓ and ψ (digamma) for the models' likelihoods and gradients, in plain arithmetic: no tables built at load, no
 * allocation per call, a few dozen flops and one to three logarithms each.
 *
 * lnΓ (x > 0):
 * - 0.5 ≤ x < 2.5: Lanczos' approximation written relative to its value at 1 or 2, where lnΓ is 0 (below), so the
 *   result stays accurate relative to itself near the zeros at 1 and 2;
 * - 0 < x < 0.5 and 2.5 ≤ x < 10: Lanczos' approximation, lnΓ(x) = ln S(x) + (x − ½)(ln(x + g − ½) − 1);
 * - x ≥ 10: Stirling's series with the Bernoulli numbers B₂ … B₁₆ (the next term is below 1e-17 of the value).
 * The Lanczos sum S (N = 13, g = 6.024680040776729583740234375, the "lanczos13m53" set of Boost.Math, whose
 * published error is about 1e-17 relative in Γ) is the rational function P(x)/Q(x) with
 * Q(x) = x(x+1)…(x+11). Near 1 and 2 the same sum in partial fractions gives S(1+d)/S(1) − 1 = Σₖ −dₖ·d/(k(d+k)) and
 * S(2+d)/S(2) − 1 = Σₖ −eₖ·d/((k+1)(d+k+1)) (Boost's lanczos_sum_near_1/2 coefficients, checked against P/Q), and
 * lnΓ(1+d) = ln(1 + that) + ½·ln(1 + d/(g+½)) + d·(ln(g+½+d) − 1), likewise at 2 with 1½: every term is O(d).
 * Negative x: ln|Γ(x)| by the reflection Γ(x)Γ(1−x) = π / sin(πx); +∞ at the poles 0, −1, −2, ….
 *
 * ψ (x > 0): the recurrence ψ(x) = ψ(x + n) − Σₖ<ₙ 1/(x + k) up to x + n ≥ 10 (the terms summed smallest first), then
 * the asymptotic series ψ(y) = ln y − 1/(2y) − Σₖ B₂ₖ/(2k·y²ᵏ) to B₁₆ (next term below 2e-18 relative at y = 10);
 * within 0.2 of ψ's zero x₀ ≈ 1.4616, the Taylor series about x₀ instead (so ψ stays accurate relative to itself).
 * Negative x: the reflection ψ(x) = ψ(1 − x) − π/tan(πx); NaN at the poles 0, −1, −2, ….
 *
 * Checked against @stdlib's gammaln and digamma (ports of FreeBSD's lgamma and Boost's digamma) on a dense grid and
 * against exact values in tests/unit/forecast/gamma-functions.test.ts.
 */

/** ½·ln(2π) − ½, the constant of Stirling's series written as (x − ½)(ln x − 1) + this. */
const HALF_LN_2PI_MINUS_HALF = 0.41893853320467274178032973640561764;
const LN_PI = 1.1447298858494001741434273513530587116;

/** Lanczos' g and the shifts used with it (all exact in binary). */
const G = 6.024680040776729583740234375;
const G_MINUS_HALF = G - 0.5;
const G_PLUS_HALF = G + 0.5;
const G_PLUS_ONE_AND_HALF = G + 1.5;

/** ln S(x) + (x − ½)(ln(x + g − ½) − 1) with S = P/Q in Horner form; for 0 < x < 10. */
function lanczos(x: number): number {
  const p =
    56906521.91347156388090791033559122686859 +
    x * (103794043.1163445451906271053616070238554 +
    x * (86363131.28813859145546927288977868422342 +
    x * (43338889.32467613834773723740590533316085 +
    x * (14605578.08768506808414169982791359218571 +
    x * (3481712.15498064590882071018964774556468 +
    x * (601859.6171681098786670226533699352302507 +
    x * (75999.29304014542649875303443598909137092 +
    x * (6955.999602515376140356310115515198987526 +
    x * (449.9445569063168119446858607650988409623 +
    x * (19.51992788247617482847860966235652136208 +
    x * (0.5098416655656676188125178644804694509993 +
    x * 0.006061842346248906525783753964555936883222)))))))))));
  // x(x+1)…(x+11), expanded.
  const q =
    x * (39916800 +
    x * (120543840 +
    x * (150917976 +
    x * (105258076 +
    x * (45995730 +
    x * (13339535 +
    x * (2637558 +
    x * (357423 +
    x * (32670 +
    x * (1925 +
    x * (66 +
    x)))))))))));
  return Math.log(p / q) + (x - 0.5) * (Math.log(x + G_MINUS_HALF) - 1);
}

/** lnΓ(1 + d) for −½ ≤ d < ½. */
function lnGammaNear1(d: number): number {
  const sum =
    (-2.208709979316623790862569924861841433016 * d) / (d + 1) +
    (3.327150580651624233553677113928873034916 * d) / (2 * (d + 2)) +
    (-1.483082862367253753040442933770164111678 * d) / (3 * (d + 3)) +
    (0.1993758927614728757314233026257810172008 * d) / (4 * (d + 4)) +
    (-0.004785200610085071473880915854204301886437 * d) / (5 * (d + 5)) +
    (0.1515973019871092388943437623825208095123e-5 * d) / (6 * (d + 6)) +
    (0.2752907702903126466004207345038327818713e-7 * d) / (7 * (d + 7)) +
    (-0.3075580174791348492737947340039992829546e-7 * d) / (8 * (d + 8)) +
    (0.1933117898880828348692541394841204288047e-7 * d) / (9 * (d + 9)) +
    (-0.8690926181038057039526127422002498960172e-8 * d) / (10 * (d + 10)) +
    (0.2499505151487868335680273909354071938387e-8 * d) / (11 * (d + 11)) +
    (-0.3394643171893132535170101292240837927725e-9 * d) / (12 * (d + 12));
  return Math.log1p(sum) + 0.5 * Math.log1p(d / G_PLUS_HALF) + d * (Math.log(G_PLUS_HALF + d) - 1);
}

/** lnΓ(2 + d) for −½ ≤ d < 2. */
function lnGammaNear2(d: number): number {
  const sum =
    (-6.565936202082889535528455955485877361223 * d) / (2 * (d + 2)) +
    (9.8907772644920670589288081640128194231 * d) / (3 * (d + 3)) +
    (-4.408830289125943377923077727900630927902 * d) / (4 * (d + 4)) +
    (0.5926941084905061794445733628891024027949 * d) / (5 * (d + 5)) +
    (-0.01422519127192419234315002746252160965831 * d) / (6 * (d + 6)) +
    (0.4506604409707170077136555010018549819192e-5 * d) / (7 * (d + 7)) +
    (0.8183698410724358930823737982119474130069e-7 * d) / (8 * (d + 8)) +
    (-0.9142922068165324132060550591210267992072e-7 * d) / (9 * (d + 9)) +
    (0.5746670642147041587497159649318454348117e-7 * d) / (10 * (d + 10)) +
    (-0.2583592566524439230844378948704262291927e-7 * d) / (11 * (d + 11)) +
    (0.7430396708998719707642735577238449585822e-8 * d) / (12 * (d + 12)) +
    (-0.1009141566987569892221439918230042368112e-8 * d) / (13 * (d + 13));
  return Math.log1p(sum) + 1.5 * Math.log1p(d / G_PLUS_ONE_AND_HALF) + d * (Math.log(G_PLUS_ONE_AND_HALF + d) - 1);
}

/** Stirling's series for x ≥ 10: (x − ½)(ln x − 1) + ½ln(2π) − ½ + Σₖ B₂ₖ / (2k(2k−1)·x²ᵏ⁻¹), k = 1 … 8. */
function stirling(x: number): number {
  const r = 1 / x;
  const r2 = r * r;
  const series =
    r * (1 / 12 +
    r2 * (-1 / 360 +
    r2 * (1 / 1260 +
    r2 * (-1 / 1680 +
    r2 * (1 / 1188 +
    r2 * (-691 / 360360 +
    r2 * (1 / 156 +
    r2 * (-3617 / 122400))))))));
  return (x - 0.5) * (Math.log(x) - 1) + HALF_LN_2PI_MINUS_HALF + series;
}

/**
 * ln|Γ(x)|. +∞ at 0 and the negative integers (every double ≤ −2⁵² is one) and at −∞; +∞ at +∞; NaN for NaN.
 * Accurate to a few units in the last place for x > 0 (relative, also near the zeros at 1 and 2).
 */
export function lnGamma(x: number): number {
  if (x >= 0.5) {
    if (x < 1.5) return lnGammaNear1(x - 1);
    if (x < 4) return lnGammaNear2(x - 2);
    if (x < 10) return lanczos(x);
    return x === Infinity ? Infinity : stirling(x);
  }
  if (x > 0) return lanczos(x);
  if (x !== x) return NaN;
  if (x === -Infinity) return Infinity;
  // x ≤ 0: Γ(x) = π / (sin(πx) Γ(1 − x)), with sin(πx) = ±sin(π(x − n)) for the nearest integer n (x − n is exact).
  const fraction = x - Math.round(x);
  if (fraction === 0) return Infinity;
  return LN_PI - Math.log(Math.abs(Math.sin(Math.PI * fraction))) - lnGamma(1 - x);
}

/** Where ψ's asymptotic series takes over from the recurrence. */
const PSI_ASYMPTOTIC = 10;

/** ln y − 1/(2y) − Σₖ B₂ₖ / (2k·y²ᵏ), k = 1 … 8, for y ≥ 10. */
function psiAsymptotic(y: number): number {
  const r = 1 / y;
  const r2 = r * r;
  const series =
    r2 * (1 / 12 +
    r2 * (-1 / 120 +
    r2 * (1 / 252 +
    r2 * (-1 / 240 +
    r2 * (1 / 132 +
    r2 * (-691 / 32760 +
    r2 * (1 / 12 +
    r2 * (-3617 / 8160))))))));
  return Math.log(y) - 0.5 * r - series;
}

/** ψ's positive zero x₀ = 1.46163214496836234126…, as the double nearest to it plus the rest. */
const PSI_ROOT_HI = 1.4616321449683622;
const PSI_ROOT_LO = 9.549995429965697e-17;
/** Half the width of the window about x₀ where ψ is summed from its Taylor series there. */
const PSI_ROOT_WINDOW = 0.2;

/**
 * ψ(x₀ + δ) = Σₙ ψ⁽ⁿ⁾(x₀)/n! · δⁿ, n = 1 … 20, for |δ| ≤ 0.2 (the next term is below 3e-18 of the value). The
 * coefficients were computed with mpmath at 60 digits (polygamma(n, x0) / n!). Near its zero ψ is then accurate
 * relative to itself, where ψ(x + n) − Σ 1/(x + k) would leave an error of a few units of ψ(x + n) ≈ 2.3.
 */
function psiNearRoot(delta: number): number {
  const d = delta;
  return d * (0.9676722454476211704274 +
    d * (-0.4427631689835921060929 +
    d * (0.2584997609556510106244 +
    d * (-0.1639427054424065275043 +
    d * (0.1078240506912623657572 +
    d * (-0.07219956125645471092612 +
    d * (0.04880428816414310722509 +
    d * (-0.03316112647484735929226 +
    d * (0.02259764823221810465962 +
    d * (-0.0154247659049489591388 +
    d * (0.01053879161661217538812 +
    d * (-0.00720453438635686824097 +
    d * (0.004926781395729853446354 +
    d * (-0.003369801655439328082793 +
    d * (0.002305126326734927836938 +
    d * (-0.001576936771430197259271 +
    d * (0.001078825201916296580692 +
    d * (-0.000738070938996005129566 +
    d * (0.0005049532658346020351774 +
    d * -0.0003454680251063076995556)))))))))))))))))));
}

/** ψ(x) = d/dx lnΓ(x). NaN at 0, the negative integers, −∞ and NaN; +∞ at +∞. */
export function digamma(x: number): number {
  if (x >= PSI_ASYMPTOTIC) return psiAsymptotic(x);
  if (x > 0) {
    // x − PSI_ROOT_HI is exact here (Sterbenz), so δ is accurate relative to itself however close x is to x₀.
    const offset = x - PSI_ROOT_HI;
    if (offset <= PSI_ROOT_WINDOW && offset >= -PSI_ROOT_WINDOW) return psiNearRoot(offset - PSI_ROOT_LO);
    // ψ(x) = ψ(x + n) − Σₖ<ₙ 1/(x + k), each x + k rounded once, the smallest terms summed first.
    const n = Math.ceil(PSI_ASYMPTOTIC - x);
    let sum = 0;
    for (let k = n - 1; k >= 0; k--) sum += 1 / (x + k);
    return psiAsymptotic(x + n) - sum;
  }
  if (!(x > -Infinity)) return NaN;
  const fraction = x - Math.round(x);
  if (fraction === 0) return NaN;
  return digamma(1 - x) - Math.PI / Math.tan(Math.PI * fraction);
}
