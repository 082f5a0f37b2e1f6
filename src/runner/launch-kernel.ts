/**
 * Edge: the kernel process. Started by ./kernel.ts as
 * `node launch-kernel.js <tslab main.js> <connection file>`, it does what tslab's kernelspec
 * command `tslab kernel --config-path {connection_file}` does (tslab's `startKernel`, which also
 * prefers a tslab installed under the working directory's node_modules, as in Jupyter), and
 * in addition exits when its standard input closes: the runner holds the other end of that pipe,
 * so a kernel never outlives the runner, even one killed with SIGKILL.
 */
export {};
const [mainPath, configPath] = process.argv.slice(2);
if (!mainPath || !configPath) {
  process.stderr.write('usage: launch-kernel.js <tslab dist/main.js> <connection file>\n');
  process.exit(2);
}
process.stdin.on('end', () => process.exit(0));
process.stdin.on('error', () => process.exit(0));
process.stdin.resume();
// eslint-disable-next-line @typescript-eslint/no-var-requires
const tslabMain = require(mainPath) as {
  startKernel(o: { configPath: string; enableFindLocal?: boolean; jsKernel?: boolean; globalVersion?: string }): void;
};
tslabMain.startKernel({ configPath, enableFindLocal: true, jsKernel: false, globalVersion: '' });
