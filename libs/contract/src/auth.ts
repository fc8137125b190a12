export const ROLES = ['user', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface User {
  id: string;
  email: string;
  displayName: string;
  role: Role;
}

/** Register, login and refresh answer a session: the token pair and who it is for. */
export interface Session {
  accessToken: string;
  refreshToken: string;
  user: User;
}
