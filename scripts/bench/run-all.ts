/** `npm run bench`: every benchmark, as one table of ratios against baselines measured in the same run. */
import { benchIngest } from './ingest-bench';

async function main() {
  const rows = [...(await benchIngest())];
  console.table(rows);
}

void main();
