// @ts-check
/**
 * Preloaded into every long-running process of our commands (node --import
 * ./scripts/stop-with-parent.mjs ...): when the process that started this one goes away, this one
 * gets a SIGTERM, as if the stop had been passed on. npm passes SIGINT and SIGTERM on to the
 * command it runs, but when npm itself is killed (SIGKILL, a crash, the OOM killer) nothing would,
 * and the command would run on as an orphan: a build would still swap its output into dist/.
 * Node cannot ask Linux for a signal on its parent's death (prctl PR_SET_PDEATHSIG), so the parent
 * is polled: an orphan is re-parented (to init or a subreaper), which changes process.ppid.
 * A process that handles SIGTERM (scripts/build.ts, scripts/serve.ts) stops cleanly; one that
 * does not, exits.
 *
 * The starter names itself in MAPSCOPE_PARENT_PID (npm scripts pass the shell's $PPID, which is
 * npm): a parent that died before this module ran is noticed too. Without it, the parent is the
 * one found here. (MAPSCOPE_PARENT_PID is declared with every other setting in
 * src/lib/config/settings.ts; this file, preloaded before tsx, cannot import TypeScript and reads
 * it itself.)
 */
const named = Number(process.env['MAPSCOPE_PARENT_PID']);
// Ours alone: a child started without the variable must not inherit our parent's pid.
delete process.env['MAPSCOPE_PARENT_PID'];
const parent = Number.isInteger(named) && named > 0 ? named : process.ppid;

const watch = setInterval(() => {
  if (process.ppid === parent) return;
  clearInterval(watch);
  process.kill(process.pid, 'SIGTERM');
}, 250);
// The watch alone must not keep a finished process alive.
watch.unref();
