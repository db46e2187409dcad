const MIN_PASSWORD_LENGTH = 8

/** What is wrong with a new password, or null. */
export function passwordProblem(password: string): string | null {
  return password.length < MIN_PASSWORD_LENGTH ? `The password needs at least ${MIN_PASSWORD_LENGTH} characters.` : null
}
