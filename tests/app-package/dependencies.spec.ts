/**
 * Every package the code imports is declared in package.json, and in the right section: the server and the bot
 * (src/, bot/) run from `dependencies` alone, since the deployment installs with `--omit=dev`; the tab, the
 * scripts, the benches and the tests may use devDependencies. Imports are read with the TypeScript parser
 * (static imports, re-exports, `import()`, `require()` and `require.resolve()`, also on a `createRequire(...)`);
 * type-only imports do not run and do not count.
 */
import fs from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../scripts/app-package/cli.js';

interface PackageJson {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
}
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as PackageJson;

/** Runtime dependencies that no code loads by name. */
const USED_WITHOUT_IMPORT: Record<string, string> = {};

const SKIP_DIRS = new Set(['node_modules', 'dist', 'build', 'coverage', 'test-artifacts', 'data', 'fixtures']);

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) return SKIP_DIRS.has(entry.name) ? [] : sourceFiles(rel);
    return /\.(ts|tsx|js)$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [rel] : [];
  });
}

/** `require`, `require.resolve`, `createRequire(...)` and `createRequire(...).resolve`. */
function isRequire(callee: ts.Expression): boolean {
  const target = ts.isPropertyAccessExpression(callee) && callee.name.text === 'resolve' ? callee.expression : callee;
  if (ts.isIdentifier(target)) return target.text === 'require';
  return ts.isCallExpression(target) && ts.isIdentifier(target.expression) && target.expression.text === 'createRequire';
}

/** The module specifiers a file loads at run time. */
export function runtimeImports(file: string, text: string): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && !node.importClause?.isTypeOnly) {
      const named = node.importClause?.namedBindings;
      const onlyTypes =
        node.importClause &&
        !node.importClause.name &&
        named &&
        ts.isNamedImports(named) &&
        named.elements.length > 0 &&
        named.elements.every((e) => e.isTypeOnly);
      if (!onlyTypes && ts.isStringLiteral(node.moduleSpecifier)) found.push(node.moduleSpecifier.text);
    } else if (ts.isExportDeclaration(node) && !node.isTypeOnly && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      found.push(node.moduleSpecifier.text);
    } else if (ts.isCallExpression(node) && (node.expression.kind === ts.SyntaxKind.ImportKeyword || isRequire(node.expression))) {
      const [arg] = node.arguments;
      if (arg && ts.isStringLiteralLike(arg)) found.push(arg.text);
    } else if (ts.isImportEqualsDeclaration(node) && !node.isTypeOnly && ts.isExternalModuleReference(node.moduleReference)) {
      const ref = node.moduleReference.expression;
      if (ts.isStringLiteral(ref)) found.push(ref.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** The package a bare specifier names ('@scope/name/sub' -> '@scope/name'), or undefined for files and Node's own modules. */
export function packageOf(specifier: string): string | undefined {
  if (specifier.startsWith('.') || specifier.startsWith('/') || specifier.startsWith('node:') || specifier.startsWith('virtual:'))
    return undefined;
  const parts = specifier.split('/');
  const name = specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
  return builtinModules.includes(name) ? undefined : name;
}

function importsUnder(dirs: string[]): Map<string, string[]> {
  const byPackage = new Map<string, string[]>();
  for (const file of dirs.flatMap((dir) => (fs.statSync(path.join(ROOT, dir)).isDirectory() ? sourceFiles(dir) : [dir]))) {
    for (const specifier of runtimeImports(file, fs.readFileSync(path.join(ROOT, file), 'utf8'))) {
      const name = packageOf(specifier);
      if (name) byPackage.set(name, [...(byPackage.get(name) ?? []), file]);
    }
  }
  return byPackage;
}

const SERVER = ['src', 'bot'];
/** Entry points under src/ and bot/ that only a developer runs (npm run playground), never the deployed server. */
const DEVELOPER_TOOLS = ['bot/playground.ts'];
const EVERYTHING = [...SERVER, 'tab', 'scripts', 'bench', 'tests', 'vitest.config.ts', 'eslint.config.js'];

describe('package.json declares what the code imports', () => {
  it('reads imports the way the runtime does', () => {
    const text = [
      "import a from 'pkg-a/sub';",
      "import type { B } from 'pkg-b';",
      "import { type C } from 'pkg-c';",
      "export { d } from '@scope/pkg-d/deep';",
      "const e = await import('pkg-e');",
      "import f from 'node:fs'; import g from './local.js'; import h from 'path';",
      "const i = require('pkg-i/dist/x.js'); const j = createRequire(import.meta.url).resolve('pkg-j');",
    ].join('\n');
    expect(runtimeImports('x.ts', text).map(packageOf).filter(Boolean)).toEqual(['pkg-a', '@scope/pkg-d', 'pkg-e', 'pkg-i', 'pkg-j']);
  });

  it('every imported package is declared', () => {
    const declared = new Set([...Object.keys(pkg.dependencies), ...Object.keys(pkg.devDependencies)]);
    const undeclared = [...importsUnder(EVERYTHING)]
      .filter(([name]) => !declared.has(name))
      .map(([name, files]) => `${name} (${files[0]})`);
    expect(undeclared).toEqual([]);
  });

  it('the server and the bot import only runtime dependencies (the deployment installs without devDependencies)', () => {
    const devOnly = [...importsUnder(SERVER)]
      .map(([name, files]) => [name, files.filter((file) => !DEVELOPER_TOOLS.includes(file))] as const)
      .filter(([name, files]) => files.length > 0 && !(name in pkg.dependencies))
      .map(([name, files]) => `${name} (${files[0]})`);
    expect(devOnly).toEqual([]);
  });

  it('every runtime dependency is used by the server or the bot', () => {
    const used = importsUnder(SERVER);
    const unused = Object.keys(pkg.dependencies).filter((name) => !used.has(name) && !(name in USED_WITHOUT_IMPORT));
    expect(unused).toEqual([]);
  });

  it("the tab's browser packages are devDependencies, bundled by Vite and never installed on the server", () => {
    const tabOnly = [...importsUnder(['tab'])].map(([name]) => name).filter((name) => !importsUnder(SERVER).has(name));
    expect(tabOnly.filter((name) => name in pkg.dependencies)).toEqual([]);
    expect(tabOnly).toEqual(
      expect.arrayContaining(['react', '@fluentui/react-components', '@fluentui/react-icons', '@microsoft/teams-js']),
    );
  });
});
