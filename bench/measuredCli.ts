import { main } from '../electron/cli/main.ts';

/**
 * The `passerelle` command line run in this process, as bench/hq.bench.ts spawns it: after the command, one
 * last line of JSON says what the process used, every thread included (getrusage), so the bench reads the
 * peak memory and CPU from the process instead of estimating them.
 */
process.removeAllListeners('warning');
const code = await main(process.argv.slice(2));
const usage = process.resourceUsage();
console.log(JSON.stringify({ code, cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000, maxRssKiB: usage.maxRSS }));
