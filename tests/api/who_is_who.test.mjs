// Who is who at an organisation (issue 13, item 6): members choose to be listed and say whether they are its
// Principal Social Worker; signed-in members of any organisation see the listed ones, and the posts nobody holds
// as vacant. Against the real pswnet.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { client, expectInvalidFields, expectProblem } from '../support/api.mjs';
import { addMember, uniqueWord } from '../support/forum.mjs';
import { ME } from '../support/identity.mjs';
import { expectDocumented } from '../support/openapi.mjs';
import { startServer } from '../support/server.mjs';

let server, api, wiltshireId, csoId;
before(async () => {
  server = await startServer();
  api = client(server.baseUrl);
  const { rows } = await server.db.query(
    "SELECT (SELECT id FROM organisations WHERE code = 'E06000054') AS wiltshire, " +
    "(SELECT id FROM organisations WHERE kind <> 'local_authority' ORDER BY id LIMIT 1) AS office");
  [wiltshireId, csoId] = [rows[0].wiltshire, rows[0].office];
});
after(() => server?.stop());

const peopleOf = (id, auth) => api.get(`/api/v1/organisations/${id}/people`, { auth });
const wiltshirePerson = (displayName) => addMember(server, { organisation: 'E06000054', sector: 'both',
  displayName: `${displayName} ${uniqueWord('Zq')}` });

describe('who is who', () => {
  it('lists only those who chose to be listed, and shows the posts nobody listed holds', async () => {
    const psw = await wiltshirePerson('Morgan');
    const shy = await wiltshirePerson('Alex');
    const visitor = await addMember(server, { organisation: 'E06000045' });

    let res = await peopleOf(wiltshireId, visitor);
    assert.equal(res.status, 200, res.text);
    expectDocumented(res, 'get', '/api/v1/organisations/{id}/people');
    assert.ok(!res.body.items.some((p) => [psw.user.id, shy.user.id].includes(p.id)), 'nobody is listed by default');

    const set = await api.patch(ME, { listed: true, principal_social_worker: 'children', job_title: 'Principal Social Worker',
      ask_me_about: 'Family group conferences' }, { auth: psw });
    assert.equal(set.status, 200, set.text);
    assert.equal(set.body.listed, true);
    assert.equal(set.body.principal_social_worker, 'children');
    await api.patch(ME, { principal_social_worker: 'adults' }, { auth: shy }); // holds a post, not listed

    res = await peopleOf(wiltshireId, visitor);
    const listed = res.body.items.find((p) => p.id === psw.user.id);
    assert.deepEqual(listed, { id: psw.user.id, display_name: psw.user.display_name, job_title: 'Principal Social Worker',
      sector: 'both', ask_me_about: 'Family group conferences', principal_social_worker: 'children' });
    assert.ok(!res.body.items.some((p) => p.id === shy.user.id), 'an unlisted member is never shown');
    const [children, adults] = res.body.psw_roles;
    assert.equal(children.sector, 'children');
    assert.equal(children.state, 'listed');
    assert.ok(children.holders.some((p) => p.id === psw.user.id));
    assert.equal(adults.sector, 'adults');
    assert.equal(adults.state, 'unlisted');
    assert.deepEqual(adults.holders, []);

    await api.patch(ME, { principal_social_worker: 'no' }, { auth: shy });
    await server.db.query("UPDATE users SET principal_social_worker = 'no' WHERE organisation_id = $1 AND id <> $2",
      [wiltshireId, psw.user.id]);
    res = await peopleOf(wiltshireId, visitor);
    assert.equal(res.body.psw_roles[1].state, 'vacant');
  });

  it('hides a disabled account, has no posts for an organisation that is not an authority, and is for members only',
    async () => {
      const leaver = await wiltshirePerson('Jordan');
      const visitor = await addMember(server, { organisation: 'E06000045' });
      await api.patch(ME, { listed: true }, { auth: leaver });
      assert.ok((await peopleOf(wiltshireId, visitor)).body.items.some((p) => p.id === leaver.user.id));
      await server.db.query('UPDATE users SET disabled_at = now() WHERE id = $1', [leaver.user.id]);
      assert.ok(!(await peopleOf(wiltshireId, visitor)).body.items.some((p) => p.id === leaver.user.id));

      assert.deepEqual((await peopleOf(csoId, visitor)).body.psw_roles, []);
      expectProblem(await peopleOf(wiltshireId), 401);
      expectProblem(await peopleOf(999999, visitor), 404);
    });

  it('refuses a post that is not no, children, adults or both, and a listing that is not true or false', async () => {
    const person = await wiltshirePerson('Casey');
    expectInvalidFields(await api.patch(ME, { principal_social_worker: 'yes', listed: 'please' }, { auth: person }),
      ['principal_social_worker', 'listed']);
    const me = (await api.get(ME, { auth: person })).body;
    assert.equal(me.listed, false);
    assert.equal(me.principal_social_worker, 'no');
  });
});
