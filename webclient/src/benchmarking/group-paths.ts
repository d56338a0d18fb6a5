// The addresses of the pages about the organisation's saved comparator groups, for the pages that link to them.

export const comparatorGroupPaths = {
  list: '/benchmarking/groups',
  add: '/benchmarking/groups/new',
  change: (id: number): string => `/benchmarking/groups/${id}`,
  remove: (id: number): string => `/benchmarking/groups/${id}/delete`,
} as const
