// Signing out is a page the navigation links to: it ends the session on the server and shows the sign-in page. A
// session from a council's sign-in that signs out too goes on there, which then comes back to "You have signed out".

import { ApiProblem } from '../api'
import { link, pageHeading, paragraph, twoThirds } from '../shell/govuk'
import { type PageView, type Redirect, redirect } from '../shell/page'
import { leaveTo } from '../shell/router'
import { isSignedIn, signOut } from './session'

export async function signOutPage(): Promise<PageView | Redirect> {
  if (!isSignedIn()) return redirect('/sign-in')
  let providerSignOut: string | null
  try {
    providerSignOut = await signOut()
  } catch (error) {
    // The session had ended already: this tab has forgotten it too, which is all signing out asks.
    if (!(error instanceof ApiProblem && error.status === 401)) throw error
    providerSignOut = null
  }
  if (providerSignOut === null) return redirect('/sign-in', 'You have signed out')
  leaveTo(providerSignOut)
  // Shown while the browser goes to the council's sign-out, and if it does not.
  return {
    title: 'Signing out',
    content: twoThirds(
      pageHeading('Signing you out of your council account'),
      paragraph('You have signed out of PSW Network.'),
      paragraph(link(providerSignOut, 'Continue to sign out of your council account')),
    ),
  }
}

/** Where a council's sign-in sends the browser once it has signed the person out too. Needs no sign-in. */
export async function signedOutPage(): Promise<PageView | Redirect> {
  if (isSignedIn()) return redirect('/')
  return {
    title: 'You have signed out',
    content: twoThirds(
      pageHeading('You have signed out'),
      paragraph('You have signed out of PSW Network and of your council account.'),
      paragraph(link('/sign-in', 'Sign in again')),
    ),
  }
}
