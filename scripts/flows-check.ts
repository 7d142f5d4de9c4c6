/** `npm run flows:check`: validates every flow in every language; exits non-zero on any problem. */
import { checkFlows } from '../src/flows/flow-check';

const folder = process.argv[2];
const problems = checkFlows(folder);
if (problems.length === 0) {
  console.log('flows: every screen and reply fits its budget in every language; references resolve.');
} else {
  console.error(`flows: ${problems.length} problem(s):`);
  for (const problem of problems) console.error(`  - ${problem}`);
  process.exitCode = 1;
}
