// @ts-check
/**
 * Preloaded (node --import) into a child the bench measures: on exit, its peak resident memory
 * (getrusage's maxrss, the whole process's high-water mark) goes to stderr as the last line,
 * "peak-rss <bytes>", for scripts/bench/import.ts to read.
 */
process.on('exit', () => {
  process.stderr.write(`\npeak-rss ${process.resourceUsage().maxRSS * 1024}\n`);
});
