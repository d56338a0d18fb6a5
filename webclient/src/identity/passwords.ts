// What a new password must be, in one place for every form that sets one: accepting an invitation, changing a
// password and resetting a forgotten one. The server checks the same rules (NewPassword in the contract).

export const minimumPasswordLength = 12
const maximumPasswordLength = 1024

export const newPasswordHint = `Your password must be at least ${minimumPasswordLength} characters long.`

/** What is wrong with a new password, or null; `missing` is the message for an empty one. */
export function newPasswordProblem(password: string, missing: string): string | null {
  // Characters as the server counts them (code points), not UTF-16 units.
  const length = [...password].length
  if (length === 0) return missing
  if (length < minimumPasswordLength) return `Password must be ${minimumPasswordLength} characters or more`
  if (length > maximumPasswordLength)
    return `Password must be ${maximumPasswordLength.toLocaleString('en-GB')} characters or fewer`
  return null
}
