export function freePort(): Promise<number>;
export default function globalSetup(): Promise<void>;
