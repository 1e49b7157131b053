// Prisma's own parse of schema.prisma, offline: the `prisma` package ships its schema
// parser as WebAssembly (build/prisma_schema_build_bg.wasm). The wasm-bindgen glue for
// it lives inside the CLI bundle, so the few lines of glue get_dmmf needs are here.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

export type DmmfField = {
  name: string;
  dbName?: string | null;
  kind: 'scalar' | 'enum' | 'object' | 'unsupported';
  type: string;
  isList: boolean;
  isRequired: boolean;
  nativeType?: [string, string[]] | null;
  relationFromFields?: string[];
  relationToFields?: string[];
};
export type DmmfModel = { name: string; dbName: string | null; fields: DmmfField[] };
export type DmmfEnum = { name: string; dbName?: string | null; values: { name: string; dbName: string | null }[] };
export type DmmfIndex = {
  model: string;
  type: 'id' | 'unique' | 'normal' | 'fulltext';
  dbName?: string | null;
  algorithm?: string;
  fields: { name: string; sortOrder?: 'asc' | 'desc' }[];
};
export type PrismaDatamodel = { models: DmmfModel[]; enums: DmmfEnum[]; indexes: DmmfIndex[] };

type SchemaWasm = {
  memory: WebAssembly.Memory;
  get_dmmf(ptr: number, len: number): [number, number, number, number];
  __wbindgen_malloc(size: number, align: number): number;
  __wbindgen_free(ptr: number, size: number, align: number): void;
  __wbindgen_externrefs: WebAssembly.Table;
  __externref_table_dealloc(idx: number): void;
  __wbindgen_start(): void;
};

let wasm: SchemaWasm | undefined;

function load(): SchemaWasm {
  if (wasm) return wasm;
  const require = createRequire(import.meta.url);
  // The package's exports map hides build/, so find it next to package.json.
  const bytes = readFileSync(path.join(path.dirname(require.resolve('prisma/package.json')), 'build/prisma_schema_build_bg.wasm'));
  const text = (ptr: number, len: number) => new TextDecoder().decode(new Uint8Array(instance.memory.buffer, ptr >>> 0, len));
  // The import names carry a hash of the glue that was built with the module; they are
  // matched by prefix so a Prisma upgrade that only changes the hashes keeps working.
  const imports: Record<string, WebAssembly.ImportValue> = {};
  const mod = new WebAssembly.Module(bytes);
  for (const { module, name } of WebAssembly.Module.imports(mod)) {
    if (module !== '__wbindgen_placeholder__') throw new Error(`prisma schema wasm: unexpected import ${module}.${name}`);
    if (name.startsWith('__wbg_Error_')) imports[name] = (p: number, n: number) => new Error(text(p, n));
    else if (name.startsWith('__wbg___wbindgen_throw_')) imports[name] = (p: number, n: number) => { throw new Error(text(p, n)); };
    else if (name.startsWith('__wbg_set_message_')) imports[name] = (p: number, n: number) => { throw new Error(`prisma schema wasm panicked: ${text(p, n)}`); };
    else if (name === '__wbindgen_init_externref_table') {
      imports[name] = () => {
        const t = instance.__wbindgen_externrefs;
        const at = t.grow(4);
        t.set(0, undefined);
        [undefined, null, true, false].forEach((v, k) => t.set(at + k, v));
      };
    } else throw new Error(`prisma schema wasm: unexpected import ${name} (a newer prisma? update this glue)`);
  }
  const instance = new WebAssembly.Instance(mod, { __wbindgen_placeholder__: imports }).exports as unknown as SchemaWasm;
  instance.__wbindgen_start();
  wasm = instance;
  return instance;
}

/** Prisma's parsed datamodel of a schema; throws Prisma's validation message when the schema is invalid. */
export function loadPrismaDatamodel(schemaText: string, fileName = 'schema.prisma'): PrismaDatamodel {
  const w = load();
  const input = new TextEncoder().encode(JSON.stringify({ prismaSchema: [[fileName, schemaText]], noColor: true }));
  const ptr = w.__wbindgen_malloc(input.length, 1) >>> 0;
  new Uint8Array(w.memory.buffer, ptr, input.length).set(input);
  const [outPtr, outLen, errIdx, failed] = w.get_dmmf(ptr, input.length);
  if (failed) {
    const err = w.__wbindgen_externrefs.get(errIdx) as Error;
    w.__externref_table_dealloc(errIdx);
    let message = err.message;
    try {
      message = (JSON.parse(message) as { message?: string }).message ?? message;
    } catch {
      // not JSON: keep the raw text
    }
    throw new Error(`${fileName} is not a valid Prisma schema:\n${message}`);
  }
  try {
    const json = new TextDecoder().decode(new Uint8Array(w.memory.buffer, outPtr >>> 0, outLen));
    return (JSON.parse(json) as { datamodel: PrismaDatamodel }).datamodel;
  } finally {
    w.__wbindgen_free(outPtr, outLen, 1);
  }
}
