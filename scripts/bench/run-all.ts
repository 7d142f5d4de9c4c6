/** `npm run bench`: every benchmark, as one table of ratios against baselines measured in the same run. */
import { benchIngest } from './ingest-bench';
import { benchUssd } from './ussd-bench';
import { benchBroadcast } from './broadcast-bench';
import { benchReplies } from './reply-queue-bench';

async function main() {
  const rows = [...(await benchIngest()), ...(await benchUssd()), ...(await benchBroadcast()), ...(await benchReplies())];
  console.table(rows);
}

void main();
