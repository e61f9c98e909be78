/**
 * Checks a Teams Toolkit project file (teamsapp.yml, teamsapp.local.yml) against the Toolkit's YAML schema
 * of the version named by the file's own `version`, then checks that the files its actions name exist.
 *
 * The schemas live in scripts/app-package/toolkit-schema/<version>/yaml.schema.json. Each is the schema that
 * the file's `# yaml-language-server: $schema=https://aka.ms/m365-agents-toolkits/<version>/yaml.schema.json`
 * line names, copied unchanged from the MIT-licensed @microsoft/m365agentstoolkit-cli package
 * (resource/yaml-schema/<version>/yaml.schema.json), so validation needs neither that package nor the network.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';
import { parseDocument } from 'yaml';

const SCHEMA_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'toolkit-schema');
const LIFECYCLES = ['provision', 'deploy', 'publish', 'share'] as const;

type Json = Record<string, unknown>;
export interface ToolkitStep {
  lifecycle: (typeof LIFECYCLES)[number];
  index: number;
  uses: string;
  with: Json;
  writeToEnvironmentFile: Record<string, string>;
}

interface CompiledSchema {
  whole: ValidateFunction;
  /** One validator per action (`uses`), for precise messages about a step. */
  actions: Map<string, ValidateFunction>;
}
const compiled = new Map<string, CompiledSchema>();

export function toolkitSchemaFile(version: string): string {
  return path.join(SCHEMA_DIR, version, 'yaml.schema.json');
}

function compile(version: string): CompiledSchema {
  const cached = compiled.get(version);
  if (cached) return cached;
  const schema = JSON.parse(fs.readFileSync(toolkitSchemaFile(version), 'utf8')) as Json & { definitions: Record<string, Json> };
  const id = `toolkit-yaml-${version}`;
  const ajv = new Ajv({ allErrors: true, strict: false });
  const whole = ajv.compile({ ...schema, $id: id });
  const actions = new Map<string, ValidateFunction>();
  for (const [name, definition] of Object.entries(schema.definitions)) {
    const uses = ((definition.properties as Json | undefined)?.uses as Json | undefined)?.const;
    const validate = ajv.getSchema(`${id}#/definitions/${name}`);
    if (typeof uses === 'string' && validate) actions.set(uses, validate);
  }
  // aadApp/create is a oneOf of two definitions without their own `uses` const at the top.
  const aadAppCreate = ajv.getSchema(`${id}#/definitions/aadAppCreate`);
  if (aadAppCreate) actions.set('aadApp/create', aadAppCreate);
  const entry = { whole, actions };
  compiled.set(version, entry);
  return entry;
}

function ajvMessages(validate: ValidateFunction, where: string): string[] {
  return (validate.errors ?? [])
    .filter((e) => !['anyOf', 'oneOf', 'if'].includes(e.keyword))
    .map((e) => {
      const extra = e.params && 'additionalProperty' in e.params ? ` (${String(e.params.additionalProperty)})` : '';
      const allowed = e.params && 'allowedValue' in e.params ? ` (${JSON.stringify(e.params.allowedValue)})` : '';
      return `${where}${e.instancePath} ${e.message ?? ''}${extra}${allowed}`;
    });
}

export function toolkitSteps(doc: Json): ToolkitStep[] {
  return LIFECYCLES.flatMap((lifecycle) =>
    (Array.isArray(doc[lifecycle]) ? (doc[lifecycle] as Json[]) : []).map((step, index) => ({
      lifecycle,
      index,
      uses: String(step.uses),
      with: (step.with ?? {}) as Json,
      writeToEnvironmentFile: (step.writeToEnvironmentFile ?? {}) as Record<string, string>,
    })),
  );
}

function stepProblems(steps: ToolkitStep[], raw: Json, schema: CompiledSchema): string[] {
  const problems: string[] = [];
  for (const step of steps) {
    const where = `${step.lifecycle}[${step.index}] ${step.uses}`;
    const validate = schema.actions.get(step.uses);
    if (!validate) {
      problems.push(`${where}: unknown action`);
      continue;
    }
    const node = (raw[step.lifecycle] as unknown[])[step.index];
    if (!validate(node)) problems.push(...ajvMessages(validate, where));
  }
  return problems;
}

/** Paths an action names that must exist before it runs (build outputs are not checked). */
function missingFiles(steps: ToolkitStep[], projectDir: string): string[] {
  const inputs: [ToolkitStep, unknown][] = [];
  for (const step of steps) {
    if (['teamsApp/zipAppPackage', 'teamsApp/validateManifest', 'aadApp/update'].includes(step.uses))
      inputs.push([step, step.with.manifestPath]);
    if (step.uses.endsWith('/zipDeploy')) inputs.push([step, step.with.ignoreFile]);
    if (step.uses === 'arm/deploy') {
      for (const template of (step.with.templates ?? []) as Json[]) inputs.push([step, template.path], [step, template.parameters]);
    }
  }
  return inputs
    .filter(([, file]) => typeof file === 'string' && !file.includes('${{') && !fs.existsSync(path.resolve(projectDir, file)))
    .map(([step, file]) => `${step.lifecycle}[${step.index}] ${step.uses}: ${String(file)} does not exist`);
}

export interface ToolkitFile {
  doc: Json;
  steps: ToolkitStep[];
  problems: string[];
}

/** Reads and checks a Toolkit YAML file; problems is [] when the file is valid. */
export function checkToolkitYaml(file: string): ToolkitFile {
  const name = path.basename(file);
  const parsed = parseDocument(fs.readFileSync(file, 'utf8'), { prettyErrors: true });
  if (parsed.errors.length > 0) return { doc: {}, steps: [], problems: parsed.errors.map((e) => `${name}: ${e.message}`) };
  const doc = (parsed.toJS() ?? {}) as Json;
  const version = doc.version;
  if (typeof version !== 'string' || !/^v\d+\.\d+$/.test(version) || !fs.existsSync(toolkitSchemaFile(version))) {
    return {
      doc,
      steps: [],
      problems: [`${name}: version ${JSON.stringify(version)} has no YAML schema in scripts/app-package/toolkit-schema`],
    };
  }
  const schema = compile(version);
  const steps = toolkitSteps(doc);
  const problems: string[] = [];
  if (!schema.whole(doc)) {
    const top = ajvMessages(schema.whole, '').filter((m) => !LIFECYCLES.some((l) => m.startsWith(`/${l}/`)));
    problems.push(...top.map((m) => `${name}: ${m.trim()}`));
    problems.push(...stepProblems(steps, doc, schema).map((m) => `${name}: ${m}`));
    if (problems.length === 0) problems.push(...ajvMessages(schema.whole, `${name}: `));
  }
  const envFolder = typeof doc.environmentFolderPath === 'string' ? doc.environmentFolderPath : './env';
  if (!fs.existsSync(path.resolve(path.dirname(file), envFolder)))
    problems.push(`${name}: environmentFolderPath ${envFolder} does not exist`);
  problems.push(...missingFiles(steps, path.dirname(file)).map((m) => `${name}: ${m}`));
  return { doc, steps, problems };
}
