/** What every request handler gets: the document, its latest analysis, and conversions for its spans. */
import type { Location, Position, Range } from "vscode-languageserver/node";
import type { TextDocument } from "vscode-languageserver-textdocument";
import type { LoadedFile } from "../semantics/loader.js";
import type { Topology } from "../semantics/model.js";
import type { SourceFile } from "../syntax/ast.js";
import { LineIndex, type Span } from "../syntax/span.js";
import { programCost, type ProgramCost } from "./cost.js";
import type { FileLookup } from "./diagnostics.js";
import { parsedOffset, spanRange, type SpanFrame } from "./positions.js";
import type { Analysis, LoadedProgram, Project } from "./project.js";
import { buildSymbolIndex, type SymbolDecl, type SymbolIndex } from "./symbols.js";

/** One analysed program: its symbols, model and estimate, and the locations of its spans. */
export class ProgramView implements FileLookup {
  constructor(
    readonly analysis: Analysis,
    readonly project: Project,
  ) {}

  /** The resolved model, when the program has no syntax errors. */
  get model(): Topology | undefined {
    return this.analysis.program?.model;
  }

  get index(): SymbolIndex {
    return symbolIndexOf(this.analysis);
  }

  /** Declarations by the block (or template) that declares them: several for a replicated block. */
  get declsByNode(): ReadonlyMap<object, readonly SymbolDecl[]> {
    return memo(this.analysis, "declsByNode", () => {
      const map = new Map<object, SymbolDecl[]>();
      for (const decl of this.index.decls) {
        const list = map.get(decl.node);
        if (list === undefined) map.set(decl.node, [decl]);
        else list.push(decl);
      }
      return map;
    });
  }

  get cost(): ProgramCost | undefined {
    return memo(this.analysis, "cost", () => {
      const estimated = this.analysis.program?.figures;
      return estimated === undefined ? undefined : programCost(estimated);
    });
  }

  resolve(displayPath: string): { absolutePath: string; uri: string; frame: SpanFrame } | undefined {
    const file = this.analysis.files.get(displayPath);
    if (file === undefined) return undefined;
    const overlay = this.project.overlayText(file.absolutePath);
    return { absolutePath: file.absolutePath, uri: this.project.uriOf(file.absolutePath), frame: { bom: overlay !== undefined && overlay.charCodeAt(0) === 0xfeff } };
  }

  /** A span of any file of the program as a range in that file. */
  range(span: Span): Range {
    return spanRange(span, this.resolve(span.file)?.frame ?? { bom: false });
  }

  location(span: Span): Location | undefined {
    const target = this.resolve(span.file);
    if (target === undefined) return undefined;
    return { uri: target.uri, range: spanRange(span, target.frame) };
  }
}

/** A request's document within its program's analysis. */
export class FileContext extends ProgramView {
  readonly absolutePath: string;
  readonly frame: SpanFrame;
  readonly displayPath: string;
  readonly file: LoadedFile | undefined;

  /** `absolutePath`: the file the document's uri names (`filePath`), as the caller found it to analyse it. */
  constructor(
    readonly document: TextDocument,
    absolutePath: string,
    analysis: Analysis,
    project: Project,
  ) {
    super(analysis, project);
    this.absolutePath = absolutePath;
    this.frame = { bom: document.getText().charCodeAt(0) === 0xfeff };
    this.file = analysis.byAbsolutePath.get(this.absolutePath);
    this.displayPath = this.file?.path ?? project.displayPath(this.absolutePath);
  }

  get ast(): SourceFile | undefined {
    return this.file?.ast;
  }

  /**
   * The line index of the parsed text (without a byte-order mark): the parse's, or, for a file that did not
   * load, one of the document's text without its mark.
   */
  get lines(): LineIndex {
    if (this.file !== undefined) return this.file.lines;
    const text = this.document.getText();
    return new LineIndex(this.displayPath, this.frame.bom ? text.slice(1) : text);
  }

  /** The parsed text (without a byte-order mark). */
  get text(): string {
    return this.file?.text ?? this.document.getText();
  }

  /**
   * The program to take the model and the costs from: the largest open program that includes this file
   * (an importer holds the traffic that reaches this file's interfaces), else this file's own.
   */
  widest(): ProgramView {
    let best: Analysis = this.analysis;
    for (const root of this.project.openFiles()) {
      if (root === this.absolutePath) continue;
      const other = this.project.analyze(root);
      if (other.files.size > best.files.size && other.byAbsolutePath.has(this.absolutePath)) best = other;
    }
    return best === this.analysis ? this : new ProgramView(best, this.project);
  }

  offsetAt(position: Position): number {
    return parsedOffset(this.document.offsetAt(position), this.frame);
  }
}

/** The declarations and references of a program's files, indexed once per program. */
export function symbolIndexOf(program: LoadedProgram): SymbolIndex {
  return memo(program, "index", () => buildSymbolIndex([...program.files.values()].map((f) => f.ast)));
}

function memo<T>(analysis: LoadedProgram, key: string, compute: () => T): T {
  if (analysis.memo.has(key)) return analysis.memo.get(key) as T;
  const value = compute();
  analysis.memo.set(key, value);
  return value;
}
