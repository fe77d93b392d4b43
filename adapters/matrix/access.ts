/**
 * Who may invite the bot and talk to it: users of the allowed homeservers (exact server name, or
 * "*.suffix" for its subdomains), plus users matching MATRIX_ALLOWED_USERS (globs or /regexes/).
 */

export function serverOf(userId: string): string {
  const i = userId.indexOf(':');
  return i < 0 ? '' : userId.slice(i + 1).toLowerCase();
}

function domainMatcher(pattern: string): (server: string) => boolean {
  const p = pattern.toLowerCase();
  if (p.startsWith('*.')) {
    const suffix = p.slice(1);
    return (s) => s.endsWith(suffix) && s.length > suffix.length;
  }
  return (s) => s === p;
}

/** A glob where "*" is any run of characters; compiled without nested quantifiers. */
function globToRegExp(glob: string): RegExp {
  const body = glob
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\/]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${body}$`, 'i');
}

function userMatcher(pattern: string): (userId: string) => boolean {
  if (pattern.startsWith('/') && pattern.endsWith('/') && pattern.length > 2) {
    const re = new RegExp(pattern.slice(1, -1));
    return (u) => re.test(u);
  }
  const re = globToRegExp(pattern);
  return (u) => re.test(u);
}

export class AccessPolicy {
  private readonly domains: ((server: string) => boolean)[];
  private readonly users: ((userId: string) => boolean)[];

  constructor(allowedDomains: string[], allowedUsers: string[]) {
    this.domains = allowedDomains.map(domainMatcher);
    this.users = allowedUsers.map(userMatcher);
  }

  allows(userId: unknown): boolean {
    if (typeof userId !== 'string' || userId.length > 255 || !userId.startsWith('@')) return false;
    const server = serverOf(userId);
    return this.domains.some((m) => m(server)) || this.users.some((m) => m(userId));
  }
}
