// A server component: the full engine in Node, decided while rendering.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Rolegate } from 'rolegate';
import { Buttons } from '../buttons';

const gate = Rolegate.load(JSON.parse(readFileSync(path.join(process.cwd(), 'public/org.json'), 'utf8')));

export default async function ServerPage({ searchParams }) {
  const { user = 'ann' } = await searchParams;
  return (
    <main data-ready="server">
      <h1>Signed in as {user}</h1>
      <Buttons me={gate.user(user)} />
    </main>
  );
}
