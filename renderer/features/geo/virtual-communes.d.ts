declare module 'virtual:communes' {
  const communes: readonly (readonly [code: string, name: string, departement: string, postalCode: string])[];
  export default communes;
}
