/** `npm run flows:check`: validates every flow in every language; exits non-zero on any problem. */
import { existsSync, statSync } from 'node:fs';
import { checkFlows } from '../src/flows/flow-check';

const folder = process.argv[2];
if (folder !== undefined && !(existsSync(folder) && statSync(folder).isDirectory())) {
  console.error(`flows: ${folder} is not a folder. Give the folder that holds ussd.yaml, replies.yaml, keywords.yaml, taxonomy.yaml and alert-rules.yaml (default: ./flows).`);
  process.exit(1);
}
const problems = checkFlows(folder);
if (problems.length === 0) {
  console.log('flows: every screen and reply fits its budget in every language; references resolve.');
} else {
  console.error(`flows: ${problems.length} problem(s):`);
  for (const problem of problems) console.error(`  - ${problem}`);
  process.exitCode = 1;
}
