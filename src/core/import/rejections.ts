/** Rejected rows, grouped by reason, each group with its count and up to 20 examples (line and original text). */
import type { NoticeVars, RejectedGroup } from '../types';

export const MAX_EXAMPLES = 20;

export class RejectLog {
  private readonly groups = new Map<string, RejectedGroup>();
  total = 0;

  /**
   * Count one rejected row. A code has one reason per import, built on first use; `text` is read only while the
   * group still wants examples, so a file with 100,000 rejected rows builds 20 strings, not 100,000.
   */
  add(code: string, reason: string | (() => string), line: number, text: string | (() => string | undefined), vars?: () => NoticeVars): void {
    let group = this.groups.get(code);
    if (!group) {
      group = { code, reason: typeof reason === 'function' ? reason() : reason, count: 0, examples: [] };
      if (vars) group.vars = vars();
      this.groups.set(code, group);
    }
    group.count++;
    this.total++;
    if (group.examples.length < MAX_EXAMPLES) {
      const t = typeof text === 'function' ? text() : text;
      if (t !== undefined) group.examples.push({ line, text: t });
    }
  }

  /** The groups as recorded, in first-seen order (for handing a part of a file to the importer of the part before). */
  groupsInOrder(): RejectedGroup[] {
    return [...this.groups.values()];
  }

  /** Add the groups of a later part of the file, whose line numbers start after `lineOffset` lines. */
  absorb(groups: RejectedGroup[], lineOffset: number): void {
    for (const g of groups) {
      let group = this.groups.get(g.code);
      if (!group) this.groups.set(g.code, (group = { code: g.code, reason: g.reason, ...(g.vars ? { vars: g.vars } : {}), count: 0, examples: [] }));
      group.count += g.count;
      this.total += g.count;
      for (const e of g.examples) {
        if (group.examples.length >= MAX_EXAMPLES) break;
        group.examples.push({ line: e.line + lineOffset, text: e.text });
      }
    }
  }

  /** Largest group first; examples in file order. */
  list(): RejectedGroup[] {
    return [...this.groups.values()]
      .map((g) => ({ ...g, examples: [...g.examples].sort((a, b) => a.line - b.line) }))
      .sort((a, b) => b.count - a.count || a.code.localeCompare(b.code));
  }
}
