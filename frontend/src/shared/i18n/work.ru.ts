// Russian texts of the work feature (the source language; work.en.ts mirrors the shape).
export const workRu = {
  title: 'Работа',
};
