/**
 * Number words of English and Hindi, one to ten ("a" and "an" are one): how many days ago, how
 * many persons. Pure data.
 */

export const NUMBER_WORDS_EN_HI: Readonly<Record<string, number>> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, a: 1, an: 1,
  एक: 1, दो: 2, तीन: 3, चार: 4, पांच: 5, पाँच: 5, छह: 6, छः: 6, सात: 7, आठ: 8, नौ: 9, दस: 10,
};
