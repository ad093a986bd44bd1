// Russian texts of the sales feature (the source language; sales.en.ts mirrors the shape).
export const salesRu = {
  title: 'Продажи',
};
