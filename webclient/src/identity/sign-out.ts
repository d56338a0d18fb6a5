// Signing out is a page the navigation links to: it ends the session on the server and shows the sign-in page.

import { type Redirect, redirect } from '../shell/page'
import { isSignedIn, signOut } from './session'

export async function signOutPage(): Promise<Redirect> {
  if (!isSignedIn()) return redirect('/sign-in')
  await signOut()
  return redirect('/sign-in', 'You have signed out')
}
