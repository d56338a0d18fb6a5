// "Statistical neighbours (median)" worked out the way the DfE's dashboards do it, from the published files alone:
// dfe-analytical-services/CSC_outcomes_and_enablers, `sn_aggregations`, merges the long form of the 2025
// neighbour model (SN_1..SN_10 by LA number) with the workforce file's local-authority rows on
// SN_LA_number == old_la_code, turns each cell into a number with as.numeric (c, u, x, z and "low" become NA) and
// takes R's median with na.rm = TRUE, grouped by the authority and period. The authority itself is never one of its
// neighbours, and a joint row ("314 / 318") matches no single LA number, so the merge leaves it out.
import { readFileSync } from 'node:fs';
import { parseCsv, referencePaths } from './benchmarking-reference.mjs';

function table(file) {
  const [header, ...records] = parseCsv(readFileSync(file, 'utf8'));
  return records.map(({ fields }) => Object.fromEntries(header.fields.map((name, k) => [name, fields[k]])));
}

/** R's as.numeric: a number, or NA (null) for anything else. */
const asNumeric = (text) => (/^\s*-?\d+(\.\d+)?\s*$/.test(text) ? Number(text) : null);

/** R's median: the middle of the sorted values, or the mean of the middle two; NA (null) when there are none. */
function rMedian(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  if (n === 0) return null;
  return n % 2 === 1 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
}

/**
 * Loads the neighbour model and the workforce file. Returns median(laNumber, metric, period) -> {value, count}, with
 * count the neighbours whose cell is a number.
 */
export function loadDfeNeighboursMedian({ cswwPath = referencePaths.cswwFull } = {}) {
  const neighbours = new Map(table(referencePaths.neighbours).map((row) =>
    [row.old_la_code, Array.from({ length: 10 }, (_, k) => row[`SN_${k + 1}`])]));
  const rows = new Map();
  for (const row of table(cswwPath))
    if (row.geographic_level === 'Local authority') rows.set(`${row.old_la_code}|${row.time_period}`, row);
  return (laNumber, metric, period) => {
    const values = neighbours.get(String(laNumber))
      .map((number) => rows.get(`${number}|${period}`))
      .map((row) => (row === undefined ? null : asNumeric(row[metric])))
      .filter((value) => value !== null);
    return { value: rMedian(values), count: values.length };
  };
}
