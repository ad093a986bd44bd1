// Russian texts of the pipelines feature (the source language; pipelines.en.ts mirrors the shape).
export const pipelinesRu = {
  title: 'Воронки',
};
