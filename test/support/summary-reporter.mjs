// Ends every run with one plain line, "tests: N passed, N failed, N skipped", that CI and people
// can read without knowing Jest's summary format. Written at exit so it is the closing line.
export default class SummaryReporter {
  onRunComplete(_contexts, results) {
    const line = `tests: ${results.numPassedTests} passed, ${results.numFailedTests + results.numRuntimeErrorTestSuites} failed, ${results.numPendingTests} skipped\n`;
    process.once('exit', () => process.stdout.write(line));
  }
}
