// The independent computation that the benchmarking tests hold pswnet's answers against. It reads the published
// CSV files itself (its own RFC 4180 parser, no backend code) and works out, for an authority, metric, period and
// comparison group, the same figures the API contract promises:
// - Rows of the DfE workforce file are matched to authorities by DfE LA number (`old_la_code`): the file keeps
//   superseded ONS codes for Barnsley, Sheffield, Buckinghamshire, North Yorkshire and Somerset, while the LA
//   numbers are stable. Rows of authorities missing from english-local-authorities.csv (Cumbria, Northamptonshire,
//   Bournemouth, Poole, the old Dorset) are left out and listed as rejected. A joint row "A / B" gives its value
//   to both authorities.
// - c, u, x, z and "low" mean "no value" (status "suppressed", reason kept); an absent row means "missing". Neither
//   is ever counted as zero: statistics and ranks use only the members with status "value".
// - Groups include the authority itself: statistical = it and its 10 DfE 2025 neighbours (SN_1..SN_10, matched by
//   DfE LA number); region = every authority of its region; england = all 153.
// - Median and quartiles by linear interpolation between closest ranks (R type 7, see quantileType7); mean is the
//   arithmetic mean. Rank is competition ranking ("1224"): 1 + the number of members with a strictly better value,
//   better = lower for the lower_is_better metrics, none for neutral ones (rank null). Quartile band by value:
//   v <= lower quartile "lowest", v <= median "lower_middle", v <= upper quartile "upper_middle", else "highest".
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(fileURLToPath(new URL('../..', import.meta.url)));

export const referencePaths = {
  authorities: path.join(repoRoot, 'reference-data/english-local-authorities.csv'),
  neighbours: path.join(repoRoot, 'reference-data/dfe-statistical-neighbours-2025.csv'),
  cswwFull: path.join(repoRoot, 'reference-data/dfe-csww-indicators-2017-2023.csv'),
  cswwFixture: path.join(repoRoot, 'tests/fixtures/benchmarking/csww-2017-2021.csv'),
  longAdultsSample: path.join(repoRoot, 'tests/fixtures/benchmarking/long-adults-sample.csv'),
};

/** The 22 DfE metrics, in the column order of the DfE file. */
export const dfeMetrics = [
  'inpost_fte', 'inpost_headcount', 'starters_fte', 'starters_headcount', 'leavers_fte', 'leavers_headcount',
  'turnover_rate_fte', 'turnover_rate_headcount', 'agency_fte', 'agency_headcount', 'agency_rate_fte',
  'agency_rate_headcount', 'agency_cover_fte', 'agency_cover_rate_fte', 'vacancy_fte', 'vacancy_rate_fte',
  'vacancy_agency_cover_rate_fte', 'case_holders_fte', 'cases', 'caseload_fte', 'working_days_lost_fte',
  'absence_rate_fte',
];

export const lowerIsBetter = new Set(['caseload_fte', 'vacancy_rate_fte', 'agency_rate_fte', 'agency_rate_headcount',
  'turnover_rate_fte', 'turnover_rate_headcount', 'absence_rate_fte']);

export const suppressionReasons = {
  c: 'c: confidential', u: 'u: low reliability', x: 'x: not available', z: 'z: not applicable',
  low: 'low: too small to report',
};

export const englandCode = 'E92000001';
const londonSubregionCodes = { 'Inner London': 'E13000001', 'Outer London': 'E13000002' };

/**
 * Parses CSV text by RFC 4180: fields separated by commas, records by LF or CRLF, fields in double quotes may hold
 * commas, line breaks and doubled quotes. A leading UTF-8 byte-order mark is dropped; a final line break does not
 * start a record. Returns [{line (1-based line where the record starts), fields}].
 */
export function parseCsv(text) {
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const records = [];
  let fields = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let i = 0;
  let atRecordStart = true;
  const endField = () => { fields.push(field); field = ''; };
  const endRecord = () => {
    endField();
    records.push({ line: recordLine, fields });
    fields = [];
    atRecordStart = true;
  };
  while (i < source.length) {
    const ch = source[i];
    if (atRecordStart) { recordLine = line; atRecordStart = false; }
    if (ch === '"' && field === '') {
      // A quoted field runs to the next quote that is not doubled.
      i += 1;
      for (;;) {
        if (i >= source.length) throw new Error(`CSV: unterminated quoted field from line ${recordLine}`);
        if (source[i] === '"') {
          if (source[i + 1] === '"') { field += '"'; i += 2; continue; }
          i += 1;
          break;
        }
        if (source[i] === '\n') line += 1;
        field += source[i];
        i += 1;
      }
      continue;
    }
    if (ch === ',') { endField(); i += 1; continue; }
    if (ch === '\r' && source[i + 1] === '\n') { i += 1; continue; }
    if (ch === '\n') { endRecord(); line += 1; i += 1; continue; }
    field += ch;
    i += 1;
  }
  if (!atRecordStart) endRecord();
  return records;
}

/** Reads a CSV file with a header row into [{line, row: {column: text}}]; fails on a ragged row. */
function readTable(file) {
  const [header, ...records] = parseCsv(readFileSync(file, 'utf8'));
  return records.map(({ line, fields }) => {
    if (fields.length !== header.fields.length) throw new Error(`${file}:${line}: ${fields.length} fields`);
    return { line, row: Object.fromEntries(header.fields.map((name, k) => [name, fields[k]])) };
  });
}

/** A figure from a cell of a file: a number, a suppression symbol, or (blank) nothing. */
function readCell(text, where) {
  const cell = text.trim();
  if (/^-?\d+(\.\d+)?$/.test(cell)) return { value: Number(cell), status: 'value', suppression: null, reason: null };
  if (cell in suppressionReasons) {
    return { value: null, status: 'suppressed', suppression: cell, reason: suppressionReasons[cell] };
  }
  if (cell === '') return null;
  throw new Error(`${where}: not a figure: ${JSON.stringify(text)}`);
}

function missingFigure(period) {
  return { value: null, status: 'missing', suppression: null, reason: `no figure for ${period}`, source: null,
    jointReturn: false, jointWith: null };
}

/**
 * Loads the directory, the statistical neighbours and a DfE workforce file (cswwPath, the full 2017-2023 file by
 * default). Returns {authorities, byCode, byDfeCode, neighbours, polarity, figures, areaFigures, areaNames, periods,
 * report}: figures by `${onsCode}|${metric}|${period}`, the England/region/Inner-Outer London rows by
 * `${areaCode}|${metric}|${period}`, and `report`, what an import of that file must say (rowsRead, jointRows,
 * referenceRows, figureCount (stored: one per authority, a joint row two, and per published area), valuesSuppressed
 * (of those), valuesPerPeriod, periods, rejected: [{row, code, name}]).
 */
export function loadReference({ cswwPath = referencePaths.cswwFull } = {}) {
  const authorities = readTable(referencePaths.authorities).map(({ row }) => ({
    dfeCode: Number(row.dfe_la_code), code: row.ons_code, name: row.la_name, regionCode: row.region_code,
    regionName: row.region_name, londonSubregion: row.london_subregion || null, jointReturn: row.csww_joint_return === 'Y',
  }));
  const byCode = new Map(authorities.map((a) => [a.code, a]));
  const byDfeCode = new Map(authorities.map((a) => [a.dfeCode, a]));

  const neighbours = new Map();
  for (const { line, row } of readTable(referencePaths.neighbours)) {
    const authority = byDfeCode.get(Number(row.old_la_code));
    if (!authority) throw new Error(`neighbours:${line}: unknown LA ${row.old_la_code}`);
    neighbours.set(authority.code, Array.from({ length: 10 }, (_, k) => {
      const neighbour = byDfeCode.get(Number(row[`SN_${k + 1}`]));
      if (!neighbour) throw new Error(`neighbours:${line}: unknown neighbour ${row[`SN_${k + 1}`]}`);
      return { code: neighbour.code, rank: k + 1, closeness: row[`SN_${k + 1}P`].trim() };
    }));
  }

  const areaNames = new Map([[englandCode, 'England'], ...Object.entries(londonSubregionCodes).map(([name, code]) => [code, name]),
    ...authorities.map((a) => [a.regionCode, a.regionName])]);
  const reference = {
    authorities, byCode, byDfeCode, neighbours,
    polarity: new Map(dfeMetrics.map((m) => [m, lowerIsBetter.has(m) ? 'lower_is_better' : 'neutral'])),
    figures: new Map(), areaFigures: new Map(), areaNames, periods: [],
  };
  reference.report = readCsww(reference, cswwPath);
  reference.periods = reference.report.periods;
  return reference;
}

function store(map, key, figure, where) {
  if (map.has(key)) throw new Error(`${where}: a second figure for ${key}`);
  map.set(key, figure);
}

function readCsww(reference, file) {
  const report = { rowsRead: 0, jointRows: 0, referenceRows: 0, figureCount: 0, valuesSuppressed: 0,
    valuesPerPeriod: {}, periods: [], rejected: [] };
  const periods = new Set();
  for (const { line, row } of readTable(file)) {
    report.rowsRead += 1;
    const period = row.time_period;
    periods.add(period);
    const where = `${path.basename(file)}:${line}`;
    let holders;
    if (row.geographic_level === 'National' || row.geographic_level === 'Regional') {
      const areaCode = row.geographic_level === 'National' ? row.country_code : row.region_code;
      reference.areaNames.set(areaCode, row.geographic_level === 'National' ? row.country_name : row.region_name);
      report.referenceRows += 1;
      holders = [{ map: reference.areaFigures, code: areaCode, jointWith: null }];
    } else if (row.geographic_level === 'Local authority') {
      const numbers = row.old_la_code.split(' / ').map(Number);
      const found = numbers.map((n) => reference.byDfeCode.get(n));
      if (found.some((a) => !a)) {
        report.rejected.push({ row: line, code: row.new_la_code, name: row.la_name });
        continue;
      }
      const joint = found.length > 1;
      if (joint) report.jointRows += 1;
      holders = found.map((a) => ({ map: reference.figures, code: a.code, jointWith: joint ? row.la_name : null }));
    } else {
      throw new Error(`${where}: geographic level ${row.geographic_level}`);
    }
    for (const metric of dfeMetrics) {
      const cell = readCell(row[metric], `${where} ${metric}`);
      if (!cell) continue;
      for (const holder of holders) {
        const figure = { ...cell, source: 'dfe', jointReturn: holder.jointWith !== null, jointWith: holder.jointWith };
        store(holder.map, `${holder.code}|${metric}|${period}`, figure, where);
        report.figureCount += 1;
        report.valuesPerPeriod[period] = (report.valuesPerPeriod[period] ?? 0) + 1;
        if (cell.status === 'suppressed') report.valuesSuppressed += 1;
      }
    }
  }
  report.periods = [...periods].sort();
  return report;
}

/**
 * Adds a long-format file (organisation_code,period,metric_key,value) for `metric` (polarity as given) to a
 * loaded reference, with source "import". Rows for another metric key or an organisation outside the directory
 * are rejected; a blank value stores nothing. Returns the report: {rowsRead, figureCount, valuesSuppressed,
 * periods, rejected: [{row, code, metric}]}.
 */
export function addLongFormat(reference, file, { metric, polarity }) {
  reference.polarity.set(metric, polarity);
  const report = { rowsRead: 0, figureCount: 0, valuesSuppressed: 0, periods: [], rejected: [] };
  const periods = new Set();
  for (const { line, row } of readTable(file)) {
    report.rowsRead += 1;
    const authority = reference.byCode.get(row.organisation_code);
    if (!authority || row.metric_key !== metric) {
      report.rejected.push({ row: line, code: row.organisation_code, metric: row.metric_key });
      continue;
    }
    const cell = readCell(row.value, `${path.basename(file)}:${line}`);
    if (!cell) { // a blank is not a figure: the row is rejected, never stored as zero
      report.rejected.push({ row: line, code: row.organisation_code, blank: true });
      continue;
    }
    periods.add(row.period);
    store(reference.figures, `${authority.code}|${metric}|${row.period}`,
      { ...cell, source: 'import', jointReturn: false, jointWith: null }, `${file}:${line}`);
    report.figureCount += 1;
    if (cell.status === 'suppressed') report.valuesSuppressed += 1;
  }
  report.periods = [...periods].sort();
  return report;
}

/**
 * The quantile p (0..1) of values sorted ascending, by R's type 7 (Excel QUARTILE.INC, PostgreSQL
 * percentile_cont): h = (n - 1) p, q = x[floor h] + (h - floor h) (x[floor h + 1] - x[floor h]). Null when empty.
 */
export function quantileType7(sortedValues, p) {
  const n = sortedValues.length;
  if (n === 0) return null;
  const h = (n - 1) * p;
  const lower = Math.floor(h);
  if (lower + 1 >= n) return sortedValues[n - 1];
  return sortedValues[lower] + (h - lower) * (sortedValues[lower + 1] - sortedValues[lower]);
}

/** The figure of an authority (ONS code) for a metric and period; status "missing" when there is no row. */
export function figureOf(reference, code, metric, period) {
  return reference.figures.get(`${code}|${metric}|${period}`) ?? missingFigure(period);
}

/** The published England, region or Inner/Outer London figure; status "missing" when the file has no such row. */
export function areaFigureOf(reference, areaCode, metric, period) {
  const figure = reference.areaFigures.get(`${areaCode}|${metric}|${period}`) ?? missingFigure(period);
  return { ...figure, areaCode, name: reference.areaNames.get(areaCode) };
}

/** The statistics of a list of numbers: {count, median, lowerQuartile, upperQuartile, mean, min, max}. */
export function statisticsOf(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const count = sorted.length;
  return {
    count,
    median: quantileType7(sorted, 0.5),
    lowerQuartile: quantileType7(sorted, 0.25),
    upperQuartile: quantileType7(sorted, 0.75),
    mean: count ? sorted.reduce((sum, v) => sum + v, 0) / count : null,
    min: count ? sorted[0] : null,
    max: count ? sorted[count - 1] : null,
  };
}

/** Competition rank of `value` among `values` for a polarity; null for neutral metrics or no value. */
export function competitionRank(value, values, polarity) {
  if (value === null || polarity === 'neutral') return null;
  const better = polarity === 'lower_is_better' ? (v) => v < value : (v) => v > value;
  return 1 + values.filter(better).length;
}

/** The quartile band of a value against the group's statistics; null without a value or statistics. */
export function quartileBandOf(value, statistics) {
  if (value === null || statistics.count === 0) return null;
  if (value <= statistics.lowerQuartile) return 'lowest';
  if (value <= statistics.median) return 'lower_middle';
  if (value <= statistics.upperQuartile) return 'upper_middle';
  return 'highest';
}

/**
 * The ONS codes of an authority's comparison group, the authority first. `group` is statistical, region, england,
 * or a saved group: {name, codes} (the authority itself is always compared).
 */
export function groupCodes(reference, organisationCode, group) {
  const subject = reference.byCode.get(organisationCode);
  if (!subject) throw new Error(`unknown authority ${organisationCode}`);
  if (typeof group === 'object') return [subject.code, ...group.codes.filter((code) => code !== subject.code)];
  if (group === 'statistical') return [subject.code, ...reference.neighbours.get(subject.code).map((n) => n.code)];
  if (group === 'region') {
    return [subject.code, ...reference.authorities.filter((a) => a.regionCode === subject.regionCode && a !== subject)
      .map((a) => a.code)];
  }
  if (group === 'england') return [subject.code, ...reference.authorities.filter((a) => a !== subject).map((a) => a.code)];
  throw new Error(`unknown group ${group}`);
}

export function groupNameOf(reference, organisationCode, group) {
  if (typeof group === 'object') return group.name;
  if (group === 'statistical') return 'Statistical neighbours (DfE 2025 model)';
  if (group === 'region') return reference.byCode.get(organisationCode).regionName;
  return 'England';
}

const byName = (a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/**
 * The comparison of an authority with its group for a metric and period, as the contract defines it:
 * {value, status, count, median, lowerQuartile, upperQuartile, mean, min, max, rank, rankedCount, quartileBand,
 *  groupName, subject, members: [{code, name, value, status, suppression, reason, source, jointReturn, jointWith,
 *  rank, neighbourRank, closeness, isSubject}] (in the contract's order), reference: {england, region,
 *  londonSubregion}}.
 */
export function compareReference(reference, { organisationCode, metric, period, group = 'statistical' }) {
  const polarity = reference.polarity.get(metric);
  if (!polarity) throw new Error(`unknown metric ${metric}`);
  const subject = reference.byCode.get(organisationCode);
  const neighbourOf = new Map((reference.neighbours.get(subject.code) ?? []).map((n) => [n.code, n]));
  const codes = groupCodes(reference, organisationCode, group);
  const figures = codes.map((code) => ({ code, figure: figureOf(reference, code, metric, period) }));
  const values = figures.filter(({ figure }) => figure.status === 'value').map(({ figure }) => figure.value);
  const statistics = statisticsOf(values);
  const members = figures.map(({ code, figure }) => {
    const neighbour = group === 'statistical' ? neighbourOf.get(code) : undefined;
    return {
      code, name: reference.byCode.get(code).name, ...figure,
      rank: competitionRank(figure.value, values, polarity),
      neighbourRank: neighbour?.rank ?? null, closeness: neighbour?.closeness ?? null, isSubject: code === subject.code,
    };
  });
  const direction = polarity === 'higher_is_better' || polarity === 'neutral' ? -1 : 1;
  members.sort((a, b) => {
    if ((a.value === null) !== (b.value === null)) return a.value === null ? 1 : -1;
    if (a.value !== null && a.value !== b.value) return direction * (a.value - b.value);
    return byName(a, b);
  });
  const own = members.find((m) => m.isSubject);
  const subregionCode = londonSubregionCodes[subject.londonSubregion];
  return {
    value: own.value, status: own.status, ...statistics,
    rank: own.rank, rankedCount: statistics.count, quartileBand: quartileBandOf(own.value, statistics),
    groupName: groupNameOf(reference, organisationCode, group), subject: own, members,
    reference: {
      england: areaFigureOf(reference, englandCode, metric, period),
      region: areaFigureOf(reference, subject.regionCode, metric, period),
      londonSubregion: subregionCode ? areaFigureOf(reference, subregionCode, metric, period) : null,
    },
  };
}

/** Every period with any figure for the metric, oldest first, each with compareReference's answer. */
export function trendReference(reference, { organisationCode, metric, group = 'statistical' }) {
  const periods = new Set();
  for (const key of [...reference.figures.keys(), ...reference.areaFigures.keys()]) {
    const [, m, period] = key.split('|');
    if (m === metric) periods.add(period);
  }
  return [...periods].sort().map((period) => ({ period,
    ...compareReference(reference, { organisationCode, metric, period, group }) }));
}
