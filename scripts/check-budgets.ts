/**
 * npm run budgets -- [DIR] [--strict]
 * Measures a built site (default dist/) against the deploy budgets (scripts/site-check/budgets.ts):
 * at most 10,000 files, no file over 25 MiB, at most 200 MB in all. Prints the figures and any
 * budget exceeded; exits 1 on one with --strict (or MAPSCOPE_STRICT=1).
 */
import path from 'node:path';
import { isMain, parseCommand } from './cli.ts';
import { budgetProblems, budgetsFrom, describeMeasure, measureSite } from './site-check/budgets.ts';

export async function checkBudgets(dir: string, strict: boolean): Promise<number> {
  const measure = await measureSite(dir);
  console.log(`${dir}: ${describeMeasure(measure)}`);
  const problems = budgetProblems(measure, budgetsFrom());
  for (const problem of problems) console[strict ? 'error' : 'warn'](`${strict ? 'Error' : 'Warning'}: over a deploy budget: ${problem}`);
  if (!problems.length) console.log('Within the deploy budgets (by default 10,000 files, 25 MiB a file, 200 MB in all).');
  return problems.length && strict ? 1 : 0;
}

if (isMain(import.meta.url)) {
  const parsed = parseCommand('budgets', process.argv.slice(2));
  process.exitCode = 'status' in parsed ? parsed.status : await checkBudgets(path.resolve(parsed.positionals[0] ?? 'dist'), parsed.values.strict);
}
