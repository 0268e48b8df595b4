// Common names of nine naming cultures, at least 1,000 each (every surname with every given name), for measuring that a
// name alone never moves the band (issue 21). Tests and bench only; nothing at runtime uses it.
//
// Chosen by hand from the top of widely published rankings, romanised as applicants write them in Latin script (not
// copied from a data file: no npm package ships such lists for these cultures in Latin script):
// - Chinese: the surname ranking of China's Ministry of Public Security (Wang, Li, Zhang, Liu, Chen...), common given names;
// - Korean: Statistics Korea's 2015 census surnames (Kim, Lee, Park...), in South and North Korean romanisations;
// - Hispanic and Anglo: the US Census Bureau's 2010 surname list (Garcia, Rodriguez...; Smith, Johnson...) and the US
//   Social Security Administration's given-name rankings;
// - Arabic, Russian, Vietnamese (Nguyen, Tran, Le...), Indian and Nigerian (Yoruba, Igbo, Hausa): the commonest family
//   and given names as usually listed for each.
// They are samples of common names, not weighted by frequency: every combination counts once.

export interface CommonNameCulture {
  culture: string;
  surnames: string[];
  given: string[];
  /** Given names that take the feminine surname form (Russian: Ivanov -> Ivanova). */
  femaleGiven?: string[];
  feminine?: (surname: string) => string;
  /** Surname first, as usually written ("Zhang Wei", "Kim Min-jun", "Nguyen Van An"). */
  isSurnameFirst?: boolean;
}

export const commonNameCultures: CommonNameCulture[] = [
  {
    culture: 'Chinese',
    isSurnameFirst: true,
    surnames: ['Wang', 'Li', 'Zhang', 'Liu', 'Chen', 'Yang', 'Huang', 'Zhao', 'Wu', 'Zhou', 'Xu', 'Sun', 'Ma', 'Zhu', 'Hu', 'Guo', 'He', 'Gao', 'Lin', 'Luo', 'Zheng', 'Liang', 'Xie', 'Song', 'Tang', 'Han', 'Feng', 'Deng', 'Cao', 'Peng', 'Zeng', 'Xiao', 'Tian', 'Dong', 'Yuan', 'Pan', 'Yu', 'Jiang', 'Cai', 'Du', 'Ye', 'Cheng', 'Wei', 'Su', 'Lu'],
    given: ['Wei', 'Fang', 'Xiuying', 'Na', 'Min', 'Jing', 'Li', 'Qiang', 'Lei', 'Jun', 'Yang', 'Yong', 'Yan', 'Jie', 'Tao', 'Ming', 'Chao', 'Xiaoling', 'Hui', 'Hao', 'Yuxuan', 'Zihan', 'Haoran', 'Yichen', 'Ruoxi', 'Jiahao', 'Shuang', 'Xin', 'Bo', 'Lan', 'Juan', 'Xiuzhen', 'Guiying', 'Yu', 'Hong', 'Ping', 'Gang', 'Bin', 'Hua', 'Jian'],
  },
  {
    culture: 'Korean',
    isSurnameFirst: true,
    surnames: ['Kim', 'Lee', 'Ri', 'Park', 'Pak', 'Choi', 'Choe', 'Jung', 'Jong', 'Kang', 'Cho', 'Yoon', 'Jang', 'Lim', 'Han', 'Oh', 'Seo', 'Shin', 'Kwon', 'Hwang', 'Ahn', 'Song', 'Jeon', 'Hong', 'Ko', 'Moon', 'Yang', 'Son', 'Bae', 'Baek', 'Heo', 'Yoo', 'Nam', 'Noh', 'Ha', 'Kwak', 'Cha', 'Joo', 'Min', 'Jin'],
    given: ['Min-jun', 'Seo-yeon', 'Ji-ho', 'Ha-eun', 'Do-yoon', 'Seo-yun', 'Ji-woo', 'Ye-jin', 'Hyun-woo', 'Su-bin', 'Jae-won', 'Eun-ji', 'Sung-min', 'Yu-na', 'Tae-yang', 'Da-eun', 'Jun-seo', 'Hye-jin', 'Woo-jin', 'Soo-ah', 'Dong-hyun', 'Mi-rae', 'Jin-woo', 'Ga-yeon', 'Sang-hoon', 'Na-yeon', 'Kyung-soo', 'So-yeon', 'Young-ho', 'Ji-eun', 'Young-chul', 'Chol', 'Myong-chol', 'Song-il', 'Kwang-il', 'Jong-su', 'Hyon-u', 'Un-ju', 'Sol-mi', 'Chol-min'],
  },
  {
    culture: 'Arabic',
    surnames: ['Haddad', 'Khoury', 'Mansour', 'Nasser', 'Saleh', 'Hamdan', 'Aziz', 'Farah', 'Darwish', 'Qasim', 'Shaheen', 'Jaber', 'Karam', 'Sabbagh', 'Tamimi', 'Zidan', 'Barakat', 'Bakri', 'Suleiman', 'Odeh', 'Halabi', 'Awad', 'Najjar', 'Masri', 'Ghanem', 'Hassan', 'Ali', 'Ibrahim', 'Mahmoud', 'Abdullah', 'Ahmed', 'Mohamed', 'Hussein', 'Khalil', 'Youssef', 'Salem', 'Said', 'Othman', 'Rashid', 'Omar', 'Mustafa', 'Abbas', 'Hamid', 'Kamal'],
    given: ['Mohammed', 'Ahmed', 'Omar', 'Youssef', 'Khalid', 'Fatima', 'Aisha', 'Layla', 'Mariam', 'Hassan', 'Hussein', 'Ibrahim', 'Karim', 'Nour', 'Rania', 'Tariq', 'Sami', 'Yasmin', 'Amira', 'Zainab', 'Bilal', 'Hamza', 'Salma', 'Rashid', 'Faisal', 'Huda', 'Walid', 'Samir', 'Lina', 'Adel', 'Ali', 'Mustafa', 'Abdullah', 'Mahmoud', 'Khalil', 'Said', 'Nasser', 'Ziad', 'Hala', 'Reem'],
  },
  {
    culture: 'Russian',
    surnames: ['Ivanov', 'Smirnov', 'Kuznetsov', 'Popov', 'Vasilyev', 'Petrov', 'Sokolov', 'Mikhailov', 'Novikov', 'Fedorov', 'Morozov', 'Volkov', 'Alekseev', 'Lebedev', 'Semenov', 'Egorov', 'Pavlov', 'Kozlov', 'Stepanov', 'Nikolaev', 'Orlov', 'Andreev', 'Makarov', 'Nikitin', 'Zakharov', 'Zaitsev', 'Solovyov', 'Borisov', 'Yakovlev', 'Grigoryev', 'Romanov', 'Vorobyov', 'Sergeev', 'Kuzmin', 'Frolov', 'Alexandrov', 'Dmitriev', 'Korolev', 'Gusev', 'Kiselev'],
    given: ['Alexander', 'Dmitry', 'Ivan', 'Sergey', 'Andrei', 'Mikhail', 'Nikolai', 'Pavel', 'Alexei', 'Maxim', 'Vladimir', 'Artem', 'Yuri', 'Oleg', 'Igor', 'Roman', 'Viktor', 'Denis', 'Kirill', 'Evgeny'],
    femaleGiven: ['Olga', 'Natalia', 'Elena', 'Tatiana', 'Anastasia', 'Yulia', 'Ekaterina', 'Maria', 'Anna', 'Irina', 'Svetlana', 'Marina', 'Daria', 'Ksenia', 'Polina', 'Victoria', 'Alina', 'Sofia', 'Lyudmila', 'Galina'],
    feminine: (surname) => `${surname}a`,
  },
  {
    culture: 'Hispanic',
    surnames: ['Garcia', 'Rodriguez', 'Martinez', 'Hernandez', 'Lopez', 'Gonzalez', 'Perez', 'Sanchez', 'Ramirez', 'Torres', 'Flores', 'Rivera', 'Gomez', 'Diaz', 'Reyes', 'Morales', 'Cruz', 'Ortiz', 'Gutierrez', 'Chavez', 'Ramos', 'Ruiz', 'Alvarez', 'Mendoza', 'Castillo', 'Jimenez', 'Moreno', 'Romero', 'Herrera', 'Medina', 'Aguilar', 'Vargas', 'Castro', 'Guzman', 'Fernandez', 'Munoz', 'Mendez', 'Salazar', 'Soto', 'Delgado'],
    given: ['Maria', 'Jose', 'Juan', 'Carlos', 'Luis', 'Ana', 'Sofia', 'Valentina', 'Diego', 'Alejandro', 'Camila', 'Lucia', 'Javier', 'Andres', 'Gabriela', 'Fernando', 'Isabel', 'Ricardo', 'Daniela', 'Miguel', 'Paula', 'Sergio', 'Elena', 'Pablo', 'Adriana', 'Rosa', 'Manuel', 'Carmen', 'Jorge', 'Marta', 'Antonio', 'Francisco', 'Rafael', 'Eduardo', 'Roberto', 'Laura', 'Patricia', 'Veronica', 'Alejandra', 'Monica'],
  },
  {
    culture: 'Anglo',
    surnames: ['Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Miller', 'Davis', 'Wilson', 'Anderson', 'Taylor', 'Thomas', 'Moore', 'Jackson', 'Martin', 'Thompson', 'White', 'Harris', 'Clark', 'Lewis', 'Robinson', 'Walker', 'Young', 'Allen', 'King', 'Wright', 'Scott', 'Green', 'Baker', 'Adams', 'Nelson', 'Hill', 'Campbell', 'Mitchell', 'Roberts', 'Carter', 'Turner', 'Phillips', 'Parker', 'Evans', 'Edwards', 'Collins', 'Stewart', 'Morris', 'Murphy', 'Cook', 'Rogers', 'Morgan', 'Cooper', 'Peterson', 'Reed'],
    given: ['James', 'Mary', 'John', 'Patricia', 'Robert', 'Jennifer', 'Michael', 'Linda', 'William', 'Elizabeth', 'David', 'Barbara', 'Richard', 'Susan', 'Joseph', 'Jessica', 'Thomas', 'Sarah', 'Charles', 'Karen', 'Christopher', 'Nancy', 'Daniel', 'Lisa', 'Matthew', 'Emily', 'Andrew', 'Megan', 'Joshua', 'Hannah', 'George', 'Emma', 'Brian', 'Kevin', 'Jason', 'Ashley', 'Amanda', 'Stephanie', 'Nicole', 'Ryan'],
  },
  {
    culture: 'Vietnamese',
    isSurnameFirst: true,
    surnames: ['Nguyen', 'Tran', 'Le', 'Pham', 'Hoang', 'Huynh', 'Phan', 'Vu', 'Vo', 'Dang', 'Bui', 'Do', 'Ho', 'Ngo', 'Duong', 'Ly', 'Truong', 'Dinh', 'Lam', 'Mai', 'Trinh', 'Cao', 'Luong', 'Ta', 'Ha', 'Thai', 'Quach', 'Chau', 'Doan', 'La', 'Kieu', 'Vuong', 'Phung', 'Tong', 'Hua', 'Luu'],
    given: ['Van An', 'Thi Lan', 'Minh Anh', 'Quoc Bao', 'Thi Hoa', 'Duc Huy', 'Thanh Tam', 'Ngoc Anh', 'Van Hung', 'Thi Mai', 'Hoang Long', 'Thu Trang', 'Gia Huy', 'Bao Ngoc', 'Tuan Anh', 'Thi Huong', 'Minh Khoa', 'Phuong Linh', 'Duc Minh', 'Kim Ngan', 'Van Nam', 'Thi Thu', 'Minh Tuan', 'Thanh Huong', 'Van Duc', 'Thi Ngoc', 'Quang Hai', 'Hong Nhung', 'Duc Anh', 'Thi Phuong', 'Van Long', 'Thi Linh', 'Hai Yen', 'Quoc Viet', 'Thanh Long', 'Minh Chau', 'Van Thanh', 'Thi Hanh', 'Bao Anh', 'Khanh Linh'],
  },
  {
    culture: 'Indian',
    surnames: ['Sharma', 'Patel', 'Singh', 'Kumar', 'Gupta', 'Reddy', 'Iyer', 'Nair', 'Rao', 'Mehta', 'Joshi', 'Chopra', 'Malhotra', 'Banerjee', 'Chatterjee', 'Das', 'Khan', 'Qureshi', 'Chaudhry', 'Siddiqui', 'Rahman', 'Hossain', 'Islam', 'Pillai', 'Menon', 'Desai', 'Kapoor', 'Bhatt', 'Agarwal', 'Verma', 'Mishra', 'Pandey', 'Yadav', 'Shah', 'Jain', 'Bose', 'Mukherjee', 'Naidu', 'Shetty', 'Kulkarni', 'Patil', 'Thakur'],
    given: ['Aarav', 'Vivaan', 'Aditya', 'Priya', 'Ananya', 'Rohan', 'Arjun', 'Sneha', 'Rahul', 'Pooja', 'Vikram', 'Deepika', 'Sanjay', 'Kavya', 'Amit', 'Neha', 'Imran', 'Ayesha', 'Usman', 'Sana', 'Farhan', 'Nadia', 'Rakib', 'Tahmina', 'Suresh', 'Lakshmi', 'Venkat', 'Divya', 'Harpreet', 'Gurpreet', 'Ravi', 'Anil', 'Sunil', 'Manoj', 'Rajesh', 'Anjali', 'Swati', 'Meera', 'Karthik', 'Nikhil'],
  },
  {
    culture: 'Nigerian',
    surnames: ['Okafor', 'Okonkwo', 'Adeyemi', 'Ogunleye', 'Eze', 'Nwosu', 'Balogun', 'Adebayo', 'Okeke', 'Nwachukwu', 'Bello', 'Abubakar', 'Musa', 'Usman', 'Yusuf', 'Aliyu', 'Danjuma', 'Olawale', 'Oyelaran', 'Afolabi', 'Ogunbiyi', 'Adewale', 'Ojo', 'Ayodele', 'Obi', 'Chukwu', 'Onyeka', 'Uche', 'Nnamdi', 'Okoro', 'Okoye', 'Umeh', 'Ezeh', 'Akinola', 'Oladipo', 'Fashola', 'Lawal', 'Sani', 'Garba', 'Ibrahim'],
    given: ['Chinedu', 'Ngozi', 'Oluwaseun', 'Adebayo', 'Folake', 'Emeka', 'Chiamaka', 'Tunde', 'Amara', 'Ifeoma', 'Obinna', 'Chidi', 'Nkechi', 'Kelechi', 'Babatunde', 'Funmilayo', 'Yetunde', 'Olumide', 'Temitope', 'Damilola', 'Aisha', 'Fatima', 'Abdullahi', 'Musa', 'Hauwa', 'Zainab', 'Ibrahim', 'Usman', 'Bukola', 'Segun', 'Kemi', 'Tobi', 'Uchenna', 'Nneka', 'Ikenna', 'Chioma', 'Ebuka', 'Adaeze', 'Femi', 'Sade'],
  },
];

/** Every surname with every given name of the culture, in its usual order, each once. */
export function commonNamesOf(culture: CommonNameCulture): string[] {
  const names = new Set<string>();
  const add = (given: string, surname: string) => names.add(culture.isSurnameFirst ? `${surname} ${given}` : `${given} ${surname}`);
  for (const surname of culture.surnames) {
    for (const given of culture.given) add(given, surname);
    for (const given of culture.femaleGiven ?? []) add(given, culture.feminine ? culture.feminine(surname) : surname);
  }
  // A given name equal to the surname ("Ibrahim Ibrahim") is a real name too, but rare: left out.
  return [...names].filter((name) => new Set(name.toUpperCase().split(/[\s-]+/)).size === name.split(/[\s-]+/).length);
}

export interface CultureFairness {
  culture: string;
  names: number;
  /** Names whose band is above low by the name alone: must be 0. */
  aboveLow: number;
  potentialMatches: number;
  /** potentialMatches / names. */
  potentialMatchRate: number;
  /** Examples of names that are potential matches (the first few). */
  examples: string[];
}

export interface FairnessReport {
  cultures: CultureFairness[];
  /** Highest culture's potential-match rate over the lowest non-zero one; null when fewer than two are non-zero. */
  highestToLowestRatio: number | null;
  /** The same ratio counting a culture at 0 as one hit in its names (a floor, so that the ratio is defined). */
  highestToLowestRatioWithFloor: number;
}

/** Screens every common name through `score` (an applicant with nothing else against them) and reports per culture. */
export function measureNameFairness(score: (legalName: string) => { band: string; sanctionsStatus: string }, cultures = commonNameCultures): FairnessReport {
  const results = cultures.map((culture): CultureFairness => {
    const names = commonNamesOf(culture);
    let aboveLow = 0;
    const potential: string[] = [];
    for (const name of names) {
      const result = score(name);
      if (result.band !== 'low') aboveLow += 1;
      if (result.sanctionsStatus === 'potential_match') potential.push(name);
    }
    return { culture: culture.culture, names: names.length, aboveLow, potentialMatches: potential.length, potentialMatchRate: potential.length / names.length, examples: potential.slice(0, 5) };
  });
  const rates = results.map((result) => result.potentialMatchRate);
  const nonZero = rates.filter((rate) => rate > 0);
  const floored = results.map((result) => Math.max(result.potentialMatches, 1) / result.names);
  return {
    cultures: results,
    highestToLowestRatio: nonZero.length >= 2 ? Math.max(...nonZero) / Math.min(...nonZero) : null,
    highestToLowestRatioWithFloor: Math.max(...floored) / Math.min(...floored),
  };
}
