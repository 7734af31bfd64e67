// deploy/iam: the read-only policy allows exactly the Glue reads the gateway makes, and the read-write
// policy (for GRAPHQL_MUTATIONS=true) adds exactly its Start*/Cancel calls. The calls are found in the
// code itself: every `*Command` imported from @aws-sdk/client-glue anywhere in src/ (but the emulator).
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { readRepoFile, ROOT } from '../helpers/deploy-files.js';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return ['emulator', 'generated'].includes(entry.name) ? [] : sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** Glue operations the gateway calls: value imports of `XCommand` from the Glue client, by file. */
function glueOperationsCalled(): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const file of sourceFiles(join(ROOT, 'src'))) {
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest);
    for (const statement of source.statements) {
      if (!ts.isImportDeclaration(statement) || (statement.moduleSpecifier as ts.StringLiteral).text !== '@aws-sdk/client-glue') continue;
      const clause = statement.importClause;
      if (!clause || clause.isTypeOnly || !clause.namedBindings || !ts.isNamedImports(clause.namedBindings)) continue;
      for (const element of clause.namedBindings.elements) {
        const name = (element.propertyName ?? element.name).text;
        if (element.isTypeOnly || !name.endsWith('Command')) continue;
        const operation = name.slice(0, -'Command'.length);
        found.set(operation, [...(found.get(operation) ?? []), relative(ROOT, file)]);
      }
    }
  }
  return found;
}

interface Policy {
  Version: string;
  Statement: Array<{ Sid: string; Effect: string; Action: string[]; Resource: string | string[] }>;
}

const policy = (name: string) => JSON.parse(readRepoFile(`deploy/iam/${name}.json`)) as Policy;
const actions = (p: Policy) => p.Statement.flatMap((s) => s.Action).sort();
const READ = /^(Get|List|BatchGet)/;

describe('IAM policies', () => {
  const called = glueOperationsCalled();
  const operations = [...called.keys()].map((op) => `glue:${op}`).sort();
  const readOnly = policy('glue-ml-graphql-read-only');
  const readWrite = policy('glue-ml-graphql-read-write');

  it('finds the Glue operations in the code', () => {
    expect(operations).toEqual(expect.arrayContaining(['glue:GetMLTaskRun', 'glue:GetMLTaskRuns', 'glue:GetMLTransform', 'glue:GetMLTransforms']));
  });

  it('read-only: exactly the read operations the code calls', () => {
    expect(actions(readOnly)).toEqual(operations.filter((a) => READ.test(a.slice('glue:'.length))));
    expect(actions(readOnly)).toEqual(['glue:GetMLTaskRun', 'glue:GetMLTaskRuns', 'glue:GetMLTransform', 'glue:GetMLTransforms']);
  });

  it('read-write (GRAPHQL_MUTATIONS=true): every operation the code calls, and nothing more', () => {
    expect(actions(readWrite)).toEqual(operations);
    const added = actions(readWrite).filter((a) => !actions(readOnly).includes(a));
    expect(added.length).toBeGreaterThan(0);
    for (const action of added) expect(action).toMatch(/^glue:(Start\w+TaskRun|CancelMLTaskRun)$/);
  });

  it('well-formed least privilege: Allow only, no wildcard actions, resources scoped to ML transforms but the listing', () => {
    for (const p of [readOnly, readWrite]) {
      expect(p.Version).toBe('2012-10-17');
      for (const statement of p.Statement) {
        expect(statement.Effect).toBe('Allow');
        for (const action of statement.Action) expect(action).toMatch(/^glue:[A-Za-z]+$/);
        const resources = [statement.Resource].flat();
        // GetMLTransforms lists across the account; it takes no resource-level scope.
        if (statement.Action.includes('glue:GetMLTransforms')) expect(statement.Action).toEqual(['glue:GetMLTransforms']);
        else for (const resource of resources) expect(resource).toMatch(/^arn:aws:glue:(\*|[a-z0-9-]+):\d{12}:mlTransform\/\*$/);
      }
      expect(new Set(p.Statement.map((s) => s.Sid)).size).toBe(p.Statement.length);
    }
  });
});
