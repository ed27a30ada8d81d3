/**
 * The search index files of this site, built once per build from the model: the entity index
 * (needed for the first query) and the mapping-note index (fetched after it). Their URLs carry a
 * content hash so browsers may cache them and still never use a stale one.
 */
import { stableHash } from '../model/slugs.ts';
import { buildSearchDocuments } from '../search/documents.ts';
import { buildEntityIndex, packComments } from '../search/searcher.ts';
import { index, urls } from './site-model.ts';

const documents = buildSearchDocuments(index, urls);

export const entityIndexJson = JSON.stringify(buildEntityIndex(documents.entities));
export const commentIndexJson = JSON.stringify(packComments(documents.comments, urls.techniques()));

const version = stableHash([entityIndexJson, commentIndexJson], 10);

/** Where the browser fetches the index files. */
export const searchIndexUrls = {
  entities: `${urls.file('search/entities.json')}?v=${version}`,
  comments: `${urls.file('search/comments.json')}?v=${version}`,
};
