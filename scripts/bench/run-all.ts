/** `npm run bench`: every benchmark, as one table of ratios against baselines measured in the same run. */
import { benchIngest } from './ingest-bench';
import { benchUssd } from './ussd-bench';

async function main() {
  const rows = [...(await benchIngest()), ...(await benchUssd())];
  console.table(rows);
}

void main();
