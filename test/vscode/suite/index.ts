/** Entry point of the extension-host tests (extensionTestsPath): VS Code calls `run()`. */
import { runAll } from './runner.js';
import './extension.test.js';

export function run(): Promise<void> {
  return runAll();
}
