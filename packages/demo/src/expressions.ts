/**
 * GitHub Actions expressions (`${{ … }}`), as far as the reusable workflows use them: literals, context
 * properties (`inputs.github-environment`, `steps.deploy.outputs.services`, `needs.build.outputs.release`,
 * `x['y']`), `!`, `==`, `!=`, `<`, `<=`, `>`, `>=`, `&&`, `||` (both return an operand, as GitHub's do),
 * parentheses and the functions `success()`, `failure()`, `always()`, `cancelled()`, `contains()`,
 * `startsWith()`, `endsWith()`, `format()`, `toJSON()` and `fromJSON()`. What it does not know it refuses, so a
 * workflow that grows past it fails the demo's test instead of running differently.
 */

export type Value = string | number | boolean | null | Value[] | { [key: string]: Value };

/** The contexts an expression reads, and the job's status for the status functions. */
export interface ExpressionContext {
  contexts: Record<string, Value>;
  /** `success` until a step failed; `failure` after; `cancelled` when the run was cancelled. */
  status: 'success' | 'failure' | 'cancelled' | 'skipped';
}

type Token =
  | { kind: 'string'; value: string }
  | { kind: 'number'; value: number }
  | { kind: 'name'; value: string }
  | { kind: 'op'; value: string };

const OPERATORS = ['==', '!=', '<=', '>=', '&&', '||', '<', '>', '!', '(', ')', '[', ']', '.', ','];

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (c === "'") {
      let value = '';
      i++;
      for (;;) {
        if (i >= text.length) throw new Error(`unterminated string in ${JSON.stringify(text)}`);
        if (text[i] === "'" && text[i + 1] === "'") {
          value += "'";
          i += 2;
        } else if (text[i] === "'") {
          i++;
          break;
        } else value += text[i++];
      }
      tokens.push({ kind: 'string', value });
    } else if (/[0-9]/.test(c) || (c === '-' && /[0-9]/.test(text[i + 1] ?? ''))) {
      const m = /^-?[0-9]+(\.[0-9]+)?/.exec(text.slice(i))!;
      tokens.push({ kind: 'number', value: Number(m[0]) });
      i += m[0].length;
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(text.slice(i))!;
      tokens.push({ kind: 'name', value: m[0] });
      i += m[0].length;
    } else {
      const op = OPERATORS.find((o) => text.startsWith(o, i));
      if (op === undefined) throw new Error(`unexpected ${JSON.stringify(c)} in ${JSON.stringify(text)}`);
      tokens.push({ kind: 'op', value: op });
      i += op.length;
    }
  }
  return tokens;
}

/** GitHub's truthiness: false, 0, -0, '', null (and NaN) are falsy; everything else is truthy. */
export function truthy(value: Value): boolean {
  return !(value === false || value === 0 || value === '' || value === null || Number.isNaN(value));
}

/** GitHub's loose equality: strings compare case-insensitively; different types compare as numbers. */
function equal(a: Value, b: Value): boolean {
  if (typeof a === 'string' && typeof b === 'string') return a.toLowerCase() === b.toLowerCase();
  if (typeof a === 'object' || typeof b === 'object') return a === b;
  return typeof a === typeof b ? a === b : toNumber(a) === toNumber(b);
}

function toNumber(value: Value): number {
  if (value === null || value === false) return 0;
  if (value === true) return 1;
  if (typeof value === 'number') return value;
  if (typeof value === 'string') return value.trim() === '' ? 0 : Number(value);
  return NaN;
}

/** How a value reads inside a string (`${{ }}` in text, a step's input). */
export function asString(value: Value): string {
  if (value === null) return '';
  if (typeof value === 'object') return JSON.stringify(value, null, 2);
  return String(value);
}

class Parser {
  private at = 0;

  constructor(
    private readonly tokens: Token[],
    private readonly context: ExpressionContext,
    private readonly text: string,
  ) {}

  parse(): Value {
    const value = this.or();
    if (this.at < this.tokens.length) this.fail(`unexpected ${JSON.stringify(this.tokens[this.at]!.value)}`);
    return value;
  }

  private fail(message: string): never {
    throw new Error(`${message} in the expression ${JSON.stringify(this.text)}`);
  }

  private peekOp(...ops: string[]): string | undefined {
    const t = this.tokens[this.at];
    return t?.kind === 'op' && ops.includes(t.value) ? t.value : undefined;
  }

  private expect(op: string): void {
    if (this.peekOp(op) === undefined) this.fail(`expected ${JSON.stringify(op)}`);
    this.at++;
  }

  private or(): Value {
    let left = this.and();
    while (this.peekOp('||')) {
      this.at++;
      const right = this.and();
      left = truthy(left) ? left : right;
    }
    return left;
  }

  private and(): Value {
    let left = this.comparison();
    while (this.peekOp('&&')) {
      this.at++;
      const right = this.comparison();
      left = truthy(left) ? right : left;
    }
    return left;
  }

  private comparison(): Value {
    const left = this.unary();
    const op = this.peekOp('==', '!=', '<', '<=', '>', '>=');
    if (op === undefined) return left;
    this.at++;
    const right = this.unary();
    switch (op) {
      case '==':
        return equal(left, right);
      case '!=':
        return !equal(left, right);
      case '<':
        return toNumber(left) < toNumber(right);
      case '<=':
        return toNumber(left) <= toNumber(right);
      case '>':
        return toNumber(left) > toNumber(right);
      default:
        return toNumber(left) >= toNumber(right);
    }
  }

  private unary(): Value {
    if (this.peekOp('!')) {
      this.at++;
      return !truthy(this.unary());
    }
    return this.postfix(this.primary());
  }

  private postfix(start: Value): Value {
    let value = start;
    for (;;) {
      if (this.peekOp('.')) {
        this.at++;
        const name = this.tokens[this.at++];
        if (name?.kind !== 'name') this.fail('expected a property name after "."');
        value = property(value, name.value);
      } else if (this.peekOp('[')) {
        this.at++;
        const key = this.or();
        this.expect(']');
        value = property(value, asString(key));
      } else return value;
    }
  }

  private primary(): Value {
    const t = this.tokens[this.at++];
    if (t === undefined) return this.fail('the expression ends too early');
    if (t.kind === 'string' || t.kind === 'number') return t.value;
    if (t.kind === 'op') {
      if (t.value !== '(') this.fail(`unexpected ${JSON.stringify(t.value)}`);
      const value = this.or();
      this.expect(')');
      return value;
    }
    if (t.value === 'true') return true;
    if (t.value === 'false') return false;
    if (t.value === 'null') return null;
    if (this.peekOp('(')) return this.call(t.value);
    if (!Object.hasOwn(this.context.contexts, t.value)) this.fail(`unknown context "${t.value}"`);
    return this.context.contexts[t.value]!;
  }

  private call(name: string): Value {
    this.expect('(');
    const args: Value[] = [];
    while (!this.peekOp(')')) {
      args.push(this.or());
      if (!this.peekOp(')')) this.expect(',');
    }
    this.expect(')');
    const status = this.context.status;
    switch (name.toLowerCase()) {
      case 'success':
        return status === 'success';
      case 'failure':
        return status === 'failure';
      case 'cancelled':
        return status === 'cancelled';
      case 'always':
        return true;
      case 'contains': {
        const [hay, needle] = args;
        if (Array.isArray(hay)) return hay.some((v) => equal(v, needle ?? null));
        return asString(hay ?? '')
          .toLowerCase()
          .includes(asString(needle ?? '').toLowerCase());
      }
      case 'startswith':
        return asString(args[0] ?? '')
          .toLowerCase()
          .startsWith(asString(args[1] ?? '').toLowerCase());
      case 'endswith':
        return asString(args[0] ?? '')
          .toLowerCase()
          .endsWith(asString(args[1] ?? '').toLowerCase());
      case 'format':
        return asString(args[0] ?? '').replace(/\{(\d+)\}/g, (_, i: string) =>
          asString(args[Number(i) + 1] ?? ''),
        );
      case 'tojson':
        return JSON.stringify(args[0] ?? null, null, 2);
      case 'fromjson':
        return JSON.parse(asString(args[0] ?? '')) as Value;
      default:
        return this.fail(`unknown function "${name}()"`);
    }
  }
}

function property(value: Value, name: string): Value {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return null;
  // Context properties are case-insensitive on GitHub.
  const key = Object.keys(value).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? null : value[key]!;
}

/** Evaluates one expression (the text inside `${{ }}`, or an `if:` condition). */
export function evaluate(expression: string, context: ExpressionContext): Value {
  return new Parser(tokenize(expression), context, expression).parse();
}

const TEMPLATE = /\$\{\{([\s\S]*?)\}\}/g;

/**
 * A workflow value: a lone `${{ expr }}` is the expression's value (a boolean stays a boolean); text with
 * expressions in it is a string with each one filled in.
 */
export function interpolate(text: string, context: ExpressionContext): Value {
  const whole = /^\s*\$\{\{([\s\S]*?)\}\}\s*$/.exec(text);
  if (whole !== null) return evaluate(whole[1]!, context);
  return text.replace(TEMPLATE, (_, expr: string) => asString(evaluate(expr, context)));
}

/** Every expression in a workflow value (for checking that each one evaluates). */
export function expressionsIn(text: string): string[] {
  return [...text.matchAll(TEMPLATE)].map((m) => m[1]!.trim());
}

/**
 * A step's or job's `if:`: an expression with or without `${{ }}`; without a status function it only runs
 * while everything succeeded, as on GitHub.
 */
export function condition(text: string | boolean | undefined, context: ExpressionContext): boolean {
  if (text === undefined) return context.status === 'success';
  if (typeof text === 'boolean') return text && context.status === 'success';
  const whole = /^\s*\$\{\{([\s\S]*?)\}\}\s*$/.exec(text);
  const expr = whole === null ? text : whole[1]!;
  const hasStatus = /\b(success|failure|always|cancelled)\s*\(/i.test(expr);
  const value = truthy(evaluate(expr, context));
  return hasStatus ? value : value && context.status === 'success';
}
