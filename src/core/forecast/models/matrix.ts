/** The little dense linear algebra the fits need: symmetric positive-definite matrices of size 2–4, row-major. */

/** Lower-triangular Cholesky factor of a symmetric matrix, or null when it is not positive definite. */
export function cholesky(matrix: Float64Array, n: number): Float64Array | null {
  const L = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = matrix[i * n + j];
      for (let k = 0; k < j; k++) sum -= L[i * n + k] * L[j * n + k];
      if (i === j) {
        if (!(sum > 0) || !Number.isFinite(sum)) return null;
        L[i * n + i] = Math.sqrt(sum);
      } else {
        L[i * n + j] = sum / L[j * n + j];
      }
    }
  }
  return L;
}

/** Inverse of a symmetric positive-definite matrix, or null when it is not positive definite. */
export function invertSpd(matrix: Float64Array, n: number): Float64Array | null {
  const L = cholesky(matrix, n);
  if (!L) return null;
  // Solve L Lᵀ X = I column by column.
  const inverse = new Float64Array(n * n);
  const column = new Float64Array(n);
  for (let c = 0; c < n; c++) {
    for (let i = 0; i < n; i++) {
      let sum = i === c ? 1 : 0;
      for (let k = 0; k < i; k++) sum -= L[i * n + k] * column[k];
      column[i] = sum / L[i * n + i];
    }
    for (let i = n - 1; i >= 0; i--) {
      let sum = column[i];
      for (let k = i + 1; k < n; k++) sum -= L[k * n + i] * column[k];
      column[i] = sum / L[i * n + i];
    }
    for (let i = 0; i < n; i++) inverse[i * n + c] = column[i];
  }
  return inverse;
}
