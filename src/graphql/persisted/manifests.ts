/**
 * Trusted documents: every persisted-documents manifest in one directory (one file per app
 * release, e.g. the committed schema/generated/persisted-documents.json plus mobile-2.3.json),
 * all active at once, picked up without a restart.
 *
 * - Formats: GraphQL Code Generator's `{ "sha256:<hex>": "<document>" }` and Apollo's
 *   `{ "format": "apollo-persisted-query-manifest", "operations": [{ "id", "body" }] }`.
 * - Every entry's key must be the sha256 of its text (a corrupted or hand-edited entry is skipped
 *   with a warning, never served under a wrong id).
 * - Documents are parsed and validated against the schema when loaded, so a request by id skips
 *   both (the plugin hands the AST to Yoga and marks it validated). A document that no longer
 *   validates (an old release asking for a removed field) is still served by text, and gets its
 *   validation errors at request time like any other document.
 * - Reloads: fs.watch on the directory (debounced) plus an mtime/size poll every `pollMs`, because
 *   fs.watch misses changes on some file systems (network mounts, Kubernetes ConfigMap symlink
 *   swaps). A file that does not parse (caught mid-write) keeps its previous contents and is read
 *   again at the next change or poll; a removed file retires its documents.
 */
import { createHash } from 'node:crypto';
import { type FSWatcher, readdirSync, readFileSync, statSync, watch } from 'node:fs';
import { join } from 'node:path';
import { type DocumentNode, getOperationAST, type GraphQLSchema, parse, validate } from 'graphql';
import type { Logger } from 'pino';

export interface PersistedDocument {
  /** lower-case sha256 hex of `text` */
  hash: string;
  text: string;
  /** null when the text does not parse */
  document: DocumentNode | null;
  /** parsed and valid against the schema: requests by id skip parse and validate */
  valid: boolean;
  /** of the document's only operation; null for several or none */
  operation: 'query' | 'mutation' | 'subscription' | null;
}

export interface ManifestOptions {
  /** directory of *.json manifests */
  dir: string;
  schema: GraphQLSchema;
  /** mtime poll interval; 0 = fs.watch only */
  pollMs: number;
  log: Logger;
  /** fs.watch the directory (default true) */
  watch?: boolean;
}

interface FileState {
  mtimeMs: number;
  size: number;
  documents: PersistedDocument[];
}

const HEX = /^[0-9a-f]{64}$/;

export const sha256Hex = (text: string) => createHash('sha256').update(text).digest('hex');

export class ManifestRegistry {
  readonly dir: string;
  readonly schema: GraphQLSchema;
  /** ASTs of valid manifest documents (identity: Yoga's validate sees the same object) */
  readonly validated = new WeakSet<DocumentNode>();
  #files = new Map<string, FileState>();
  #byHash = new Map<string, PersistedDocument>();
  #byText = new Map<string, PersistedDocument>();
  /** file -> "mtime:size" of a version that failed to load (warned once) */
  #failed = new Map<string, string>();
  #log: Logger;
  #timer: NodeJS.Timeout | null = null;
  #watcher: FSWatcher | null = null;
  #debounce: NodeJS.Timeout | null = null;
  #dirWarned = false;

  constructor(options: ManifestOptions) {
    this.dir = options.dir;
    this.schema = options.schema;
    this.#log = options.log;
    this.scan();
    if (options.watch !== false) this.#watch();
    if (options.pollMs > 0) {
      this.#timer = setInterval(() => this.scan(), options.pollMs);
      this.#timer.unref();
    }
  }

  get(hash: string): PersistedDocument | undefined {
    return this.#byHash.get(hash);
  }

  /** the manifest document whose text is exactly `text` */
  byText(text: string): PersistedDocument | undefined {
    return this.#byText.get(text);
  }

  get size(): number {
    return this.#byHash.size;
  }

  /** manifest file names currently loaded */
  get files(): string[] {
    return [...this.#files.keys()].sort();
  }

  /** Reads new and changed manifests, drops removed ones. Synchronous: manifests are small, and scans never overlap. */
  scan(): void {
    let names: string[];
    try {
      names = readdirSync(this.dir).filter((n) => n.endsWith('.json'));
      this.#dirWarned = false;
    } catch (err) {
      if (!this.#dirWarned) {
        this.#dirWarned = true;
        this.#log.warn({ dir: this.dir, err: { code: (err as NodeJS.ErrnoException).code } }, 'persisted documents: directory unreadable');
      }
      names = [];
    }
    let changed = false;
    const present = new Set(names);
    for (const name of [...this.#files.keys()]) {
      if (!present.has(name)) {
        this.#files.delete(name);
        changed = true;
        this.#log.info({ file: name }, 'persisted documents: manifest removed');
      }
    }
    for (const name of names) {
      const path = join(this.dir, name);
      let stat;
      try {
        stat = statSync(path);
      } catch {
        continue; // removed between readdir and stat
      }
      if (!stat.isFile()) continue;
      const old = this.#files.get(name);
      if (old && old.mtimeMs === stat.mtimeMs && old.size === stat.size) continue;
      const version = `${stat.mtimeMs}:${stat.size}`;
      if (this.#failed.get(name) === version) continue;
      try {
        const documents = this.#read(path);
        this.#files.set(name, { mtimeMs: stat.mtimeMs, size: stat.size, documents });
        this.#failed.delete(name);
        changed = true;
        const invalid = documents.filter((d) => !d.valid).map((d) => `sha256:${d.hash}`);
        this.#log.info({ file: name, documents: documents.length, invalid: invalid.length }, 'persisted documents: manifest loaded');
        if (invalid.length) this.#log.warn({ file: name, documentIds: invalid.slice(0, 20) }, 'persisted documents: documents that do not validate against this schema');
      } catch (err) {
        // Caught mid-write, or not a manifest: keep what was loaded before and look again at the next change.
        this.#failed.set(name, version);
        this.#log.warn({ file: name, err: { type: (err as Error)?.name, message: (err as Error)?.message?.slice(0, 200) } }, 'persisted documents: manifest not loaded');
      }
    }
    if (changed) this.#rebuild();
  }

  close(): void {
    if (this.#timer) clearInterval(this.#timer);
    if (this.#debounce) clearTimeout(this.#debounce);
    this.#watcher?.close();
    this.#timer = this.#debounce = null;
    this.#watcher = null;
  }

  #watch() {
    try {
      this.#watcher = watch(this.dir, { persistent: false }, () => {
        // Writers emit several events per file; one scan after they settle.
        if (this.#debounce) clearTimeout(this.#debounce);
        this.#debounce = setTimeout(() => this.scan(), 50);
        this.#debounce.unref();
      });
      this.#watcher.on('error', () => {
        this.#watcher?.close();
        this.#watcher = null; // the poll still runs
      });
    } catch {
      // directory missing or watching unsupported: the poll covers it
    }
  }

  #read(path: string): PersistedDocument[] {
    const json: unknown = JSON.parse(readFileSync(path, 'utf8'));
    const pairs: Array<[string, unknown]> = [];
    if (isObject(json) && json.format === 'apollo-persisted-query-manifest' && Array.isArray(json.operations)) {
      for (const op of json.operations) if (isObject(op)) pairs.push([String(op.id), op.body]);
    } else if (isObject(json)) {
      pairs.push(...Object.entries(json));
    } else {
      throw new TypeError('not a JSON object');
    }
    const out: PersistedDocument[] = [];
    let skipped = 0;
    for (const [key, text] of pairs) {
      const hash = key.startsWith('sha256:') ? key.slice(7) : key;
      if (typeof text !== 'string' || !HEX.test(hash) || sha256Hex(text) !== hash) {
        skipped++;
        continue;
      }
      out.push(this.#byHash.get(hash) ?? this.#prepare(hash, text));
    }
    if (skipped) this.#log.warn({ file: path, skipped }, 'persisted documents: entries whose key is not the sha256 of their text were skipped');
    return out;
  }

  #prepare(hash: string, text: string): PersistedDocument {
    let document: DocumentNode | null = null;
    try {
      document = parse(text);
    } catch {
      return { hash, text, document: null, valid: false, operation: null };
    }
    const valid = validate(this.schema, document).length === 0;
    if (valid) this.validated.add(document);
    return { hash, text, document, valid, operation: getOperationAST(document)?.operation ?? null };
  }

  #rebuild() {
    const byHash = new Map<string, PersistedDocument>();
    const byText = new Map<string, PersistedDocument>();
    for (const name of [...this.#files.keys()].sort()) {
      for (const d of this.#files.get(name)!.documents) {
        byHash.set(d.hash, d);
        byText.set(d.text, d);
      }
    }
    this.#byHash = byHash;
    this.#byText = byText;
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
