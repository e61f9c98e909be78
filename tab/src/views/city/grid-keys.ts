/**
 * Keyboard movement in the heat map, as the WAI-ARIA grid pattern asks: arrows move one cell, Home/End to the
 * row's first/last cell, Ctrl+Home/Ctrl+End to the grid's first/last cell, PageUp/PageDown a few rows.
 * https://www.w3.org/WAI/ARIA/apg/patterns/grid/#keyboardinteraction-settingsfordatagrids
 */
export interface GridPosition {
  row: number;
  col: number;
}

export interface GridSize {
  rows: number;
  cols: number;
}

/** How many rows PageUp and PageDown move. */
export const PAGE_ROWS = 5;

const clamp = (value: number, max: number) => Math.max(0, Math.min(value, max));

/** Where a key moves the focus from `at`; null for a key the grid does not handle (it then does nothing with it). */
export function moveInGrid(key: string, at: GridPosition, size: GridSize, ctrl = false): GridPosition | null {
  const lastRow = size.rows - 1;
  const lastCol = size.cols - 1;
  if (lastRow < 0 || lastCol < 0) return null;
  switch (key) {
    case 'ArrowRight':
      return { row: at.row, col: clamp(at.col + 1, lastCol) };
    case 'ArrowLeft':
      return { row: at.row, col: clamp(at.col - 1, lastCol) };
    case 'ArrowDown':
      return { row: clamp(at.row + 1, lastRow), col: at.col };
    case 'ArrowUp':
      return { row: clamp(at.row - 1, lastRow), col: at.col };
    case 'PageDown':
      return { row: clamp(at.row + PAGE_ROWS, lastRow), col: at.col };
    case 'PageUp':
      return { row: clamp(at.row - PAGE_ROWS, lastRow), col: at.col };
    case 'Home':
      return ctrl ? { row: 0, col: 0 } : { row: at.row, col: 0 };
    case 'End':
      return ctrl ? { row: lastRow, col: lastCol } : { row: at.row, col: lastCol };
    default:
      return null;
  }
}

/** The position kept within the grid after it shrank (a filter hid rows). */
export function withinGrid(at: GridPosition, size: GridSize): GridPosition {
  return { row: clamp(at.row, size.rows - 1), col: clamp(at.col, size.cols - 1) };
}
