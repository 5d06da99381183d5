/**
 * Finds a dependency cycle among a template's resources (Ref, Fn::GetAtt, Fn::Sub and
 * DependsOn), which CloudFormation would reject at deploy time but synthesis does not catch.
 */
export function findCycle(template: { Resources?: Record<string, any> }): string[] | undefined {
  const resources = template.Resources ?? {};
  const edges = new Map<string, Set<string>>();
  for (const [id, resource] of Object.entries(resources)) {
    const targets = new Set<string>([resource.DependsOn ?? []].flat());
    collectReferences({ ...resource, DependsOn: undefined }, targets);
    edges.set(id, new Set([...targets].filter((target) => target in resources)));
  }
  const state = new Map<string, 'visiting' | 'done'>();
  const path: string[] = [];
  const visit = (id: string): string[] | undefined => {
    if (state.get(id) === 'done') return undefined;
    if (state.get(id) === 'visiting') return [...path.slice(path.indexOf(id)), id];
    state.set(id, 'visiting');
    path.push(id);
    for (const target of edges.get(id) ?? []) {
      const cycle = visit(target);
      if (cycle) return cycle;
    }
    path.pop();
    state.set(id, 'done');
    return undefined;
  };
  for (const id of edges.keys()) {
    const cycle = visit(id);
    if (cycle) return cycle;
  }
  return undefined;
}

function collectReferences(value: unknown, into: Set<string>): void {
  if (Array.isArray(value)) {
    value.forEach((item) => collectReferences(item, into));
  } else if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      if (key === 'Ref' && typeof inner === 'string') {into.add(inner);} else if (key === 'Fn::GetAtt') {into.add(Array.isArray(inner) ? inner[0] : String(inner).split('.')[0]);} else if (key === 'Fn::Sub') {
        const text = Array.isArray(inner) ? inner[0] : inner;
        for (const match of String(text).matchAll(/\$\{([A-Za-z0-9]+)[.}]/g)) into.add(match[1]);
        collectReferences(inner, into);
      } else {collectReferences(inner, into);}
    }
  }
}
